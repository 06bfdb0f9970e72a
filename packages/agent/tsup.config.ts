// `nx build @ft/agent` bundles the demo service the tests run: the same preset every service uses.
import { defineConfig } from 'tsup';
import { agentBundle } from '../../tsup.preset.js';

export default defineConfig(agentBundle({ agent: 'test/fixtures/demo/main.ts' }, 'test/fixtures/demo/dist'));
