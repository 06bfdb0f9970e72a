// dist/cli.js: the deploy tool runs in the repository (./setup.sh), never in an image.
import { defineConfig } from 'tsup';
import { repoCliBundle } from '../../tsup.preset.js';

export default defineConfig(repoCliBundle({ cli: 'src/cli.ts' }));
