import { vars } from '@ft/agent';
import { describe, expect, it } from 'vitest';
import { ENV_TABLE_END, ENV_TABLE_START, envDocsFromSource, envTable, withEnvTable } from './readme-env-table.js';

const env = {
  PORT: vars.port().default(5000),
  HOST: vars.hostname(),
  KEY: vars.password(32),
  CERT: vars.pemCertificate().optional(),
  TOKEN: vars.password(8).optional(),
  FLAG: vars.bool().default(false),
};
const docs = { PORT: 'public port', HOST: 'a | b', KEY: 'cookie key', CERT: 'PEM', TOKEN: 'a token', FLAG: 'on or off' };

describe('envTable', () => {
  it('gives each variable its default, required or optional, and secret, from the schema', () => {
    expect(envTable(env, docs).split('\n')).toEqual([
      '| variable | default | meaning |',
      '|---|---|---|',
      '| `PORT` | 5000 | public port |',
      '| `HOST` | required | a \\| b |',
      '| `KEY` | required, secret | cookie key |',
      '| `CERT` | optional | PEM |',
      '| `TOKEN` | optional, secret | a token |',
      '| `FLAG` | false | on or off |',
    ]);
  });

  it('takes the text of a default it cannot print from the docs, and only then', () => {
    const parsed = {
      RETENTION: vars
        .string()
        .transform((v) => ({ v }))
        .default({ v: '14d' }),
    };
    expect(envTable(parsed, { RETENTION: { default: '14d', meaning: 'kept' } })).toContain('| `RETENTION` | 14d | kept |');
    expect(() => envTable(parsed, { RETENTION: 'kept' })).toThrow(/not a plain value/);
    expect(() => envTable(env, { ...docs, PORT: { default: '80', meaning: 'public port' } })).toThrow(/printed from the schema/);
  });

  it('replaces only what lies between the markers, and refuses a README without them', () => {
    const readme = `# x\n\n${ENV_TABLE_START}\nold\n${ENV_TABLE_END}\n\nafter\n`;
    expect(withEnvTable(readme, 'new')).toBe(`# x\n\n${ENV_TABLE_START}\nnew\n${ENV_TABLE_END}\n\nafter\n`);
    expect(() => withEnvTable('# x\n', 'new')).toThrow(/markers/);
  });
});

describe('envDocsFromSource', () => {
  it("reads each variable's doc comment, through spreads, with its @default tag", { timeout: 120_000 }, () => {
    expect(envDocsFromSource(new URL('./fixtures/documented-env.ts', import.meta.url), 'documentedEnv')).toEqual({
      SHARED_PORT: 'brought in by a spread',
      HOST: 'a documented host',
      PORT: '',
      RETENTION: { default: '14d', meaning: 'a parsed value' },
    });
  });
});
