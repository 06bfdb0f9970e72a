// dist/cli.js: the checks run in the repository (the test command, a developer), never in an image.
import { defineConfig } from 'tsup';
import { repoCliBundle } from '../../tsup.preset.js';

export default defineConfig(repoCliBundle({ cli: 'src/cli.ts' }));
