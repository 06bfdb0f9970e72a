// bench/ sits one level below the root, unlike packages/* and services/*. Only the unit tests of
// the pure parts run here (src/**/*.test.ts); the benchmarks themselves run with `node dist/run.js`.
import { mergeConfig } from 'vitest/config';
import shared from '../vitest.shared';

export default mergeConfig(shared, {});
