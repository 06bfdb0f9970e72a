import { expectReadmeEnvTable } from '@ft/testkit/expect';
import { it } from 'vitest';
import { wordpressEnv } from './env.js';

it('README.md has the environment table env.ts gives', { timeout: 120_000 }, () =>
  expectReadmeEnvTable({
    readme: new URL('../README.md', import.meta.url),
    source: new URL('./env.ts', import.meta.url),
    exportName: 'wordpressEnv',
    env: wordpressEnv,
  }),
);
