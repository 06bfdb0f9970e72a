import { mergeConfig } from 'vitest/config';
import shared from '../../vitest.config';

export default mergeConfig(shared, { test: { globalSetup: ['./test/build-fixtures.ts'] } });
