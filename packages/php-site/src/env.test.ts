import { ConfigError, loadConfig } from '@ft/agent';
import { describe, expect, it } from 'vitest';
import { phpSiteEnv } from './env.js';

describe('phpSiteEnv', () => {
  const shape = phpSiteEnv(8183);

  it('has the shared defaults', () => {
    expect(loadConfig(shape, {})).toEqual({
      LISTEN_HOST: '0.0.0.0',
      STATUS_PORT: 8183,
      MYSQL_HOST: 'mysql',
      MYSQL_PORT: 3306,
      TLS_CERT: undefined,
      TLS_KEY: undefined,
    });
  });

  it('names a bad variable', () => {
    expect(() => loadConfig(shape, { MYSQL_PORT: '70000' })).toThrow(ConfigError);
    expect(() => loadConfig(shape, { MYSQL_PORT: '70000' })).toThrow(/MYSQL_PORT/);
    expect(() => loadConfig(shape, { STATUS_PORT: 'x' })).toThrow(/STATUS_PORT/);
    expect(() => loadConfig(shape, { MYSQL_HOST: 'a b' })).toThrow(/MYSQL_HOST/);
  });

  it('never echoes the TLS key', () => {
    // A key is only a string; the check that it is PEM happens in the TLS init step, which must
    // not quote it either. Here: reading it from a missing file names the variable, not the text.
    expect(() => loadConfig(shape, { TLS_KEY_FILE: '/nonexistent/key.pem' })).toThrow(/TLS_KEY_FILE/);
  });
});
