// One vitest configuration for every project: real servers are slow to start, so give them time,
// and run files one at a time (2 cores; each suite starts its own daemons). vitest looks for its
// config upward from the folder it runs in, so `npx vitest run` in a project finds this file; the
// patterns below resolve against that project's folder. A project's own vitest.config.ts extends it.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
