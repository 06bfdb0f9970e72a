// The shared settings, plus: one stack for every file (globalSetup), and time for a whole stack's
// cold start and for the fault suite's kills and recoveries.
import { mergeConfig } from 'vitest/config';
import shared from '../../vitest.config';
import E2eSequencer from './test/sequencer';

export default mergeConfig(shared, {
  test: {
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 300_000,
    sequence: { sequencer: E2eSequencer },
  },
});
