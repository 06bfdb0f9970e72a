// One self-contained dist/cli.js, bundled like the agents (node and this file are all it needs).
import { defineConfig } from 'tsup';
import { agentBundle } from '../../tsup.preset.js';

export default defineConfig(agentBundle({ cli: 'src/cli.ts' }));
