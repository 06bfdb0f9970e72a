// dist/run.js: the suite runs in the repository, never in an image.
import { defineConfig } from 'tsup';
import { repoCliBundle } from '../tsup.preset.js';

export default defineConfig(repoCliBundle({ run: 'src/run.ts' }));
