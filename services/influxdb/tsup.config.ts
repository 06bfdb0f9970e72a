// One self-contained dist/agent.js: the image carries nodejs, this file and conf/.
import { defineConfig } from 'tsup';
import { agentBundle } from '../../packages/agent/tsup.preset.js';

export default defineConfig(agentBundle({ agent: 'src/main.ts' }));
