import { mergeConfig } from 'vitest/config';
import shared from '../../vitest.config';

// Each test starts a whole agent (nginx, php-fpm, WordPress's installer) on 2 shared cores.
export default mergeConfig(shared, { test: { testTimeout: 300_000 } });
