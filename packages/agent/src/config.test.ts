import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from './config.js';
import { ConfigError, EXIT } from './errors.js';
import { secret, vars } from './env-types.js';

const shape = {
  HOST: vars.hostname(),
  PORT: vars.port().default(3306),
  DEBUG: vars.bool().default(false),
  USERS: vars.json(z.array(z.object({ login: z.string().min(1), role: z.enum(['administrator', 'editor']) })), 'a JSON list of users'),
  TOKEN: secret(z.string().min(20, 'expected a token of 20+ characters')).optional(),
  NAMES: vars.list(),
};
const base = { HOST: 'db', USERS: '[{"login":"ann","role":"editor"}]', NAMES: 'a, b,,c' };

function error(env: Record<string, string>): ConfigError {
  try {
    loadConfig(shape, env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('no error');
}

describe('loadConfig', () => {
  it('parses, coerces and applies defaults', () => {
    expect(loadConfig(shape, { ...base, DEBUG: 'yes' })).toEqual({
      HOST: 'db',
      PORT: 3306,
      DEBUG: true,
      USERS: [{ login: 'ann', role: 'editor' }],
      TOKEN: undefined,
      NAMES: ['a', 'b', 'c'],
    });
  });

  it('names the variable, exits 78', () => {
    const err = error({ USERS: base.USERS, NAMES: 'x' });
    expect(err.variable).toBe('HOST');
    expect(err.exitCode).toBe(EXIT.config);
    expect(err.code).toBe('FT_ERR_CONFIG');
    expect(err.message).toBe('HOST: is not set; expected a host name or IP address');
  });

  it('names the entry and field inside JSON', () => {
    const err = error({ ...base, USERS: '[{"login":"ann","role":"editor"},{"login":"","role":"editor"}]' });
    expect(err.message).toMatch(/^USERS: is malformed at 1\.login: /);
  });

  it('says when JSON does not parse', () => {
    expect(error({ ...base, USERS: '[{' }).message).toMatch(/USERS: is malformed: expected a JSON list of users: not valid JSON/);
  });

  it('never quotes a secret value, even when wrapped in optional()', () => {
    const err = error({ ...base, TOKEN: 'short-token' });
    expect(err.message).toBe('TOKEN: is malformed: expected a token of 20+ characters');
    expect(err.message).not.toContain('short-token');
  });

  it('reads NAME_FILE for an unset NAME (mounted secrets), without the trailing newline', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ft-config-'));
    const file = path.join(dir, 'token');
    writeFileSync(file, 'a-token-of-twenty-or-more-chars\n');
    expect(loadConfig(shape, { ...base, TOKEN_FILE: file }).TOKEN).toBe('a-token-of-twenty-or-more-chars');
    writeFileSync(file, 'short\n');
    expect(error({ ...base, TOKEN_FILE: file }).message).toBe('TOKEN: is malformed: expected a token of 20+ characters');
  });

  it('names NAME_FILE when the file cannot be read, and refuses both forms at once', () => {
    const missing = error({ ...base, TOKEN_FILE: '/nonexistent/token' });
    expect(missing.variable).toBe('TOKEN_FILE');
    expect(missing.message).toBe('TOKEN_FILE: cannot read /nonexistent/token (ENOENT); expected a readable file holding TOKEN');
    expect(error({ ...base, HOST_FILE: '/etc/hostname' }).message).toBe('HOST: is set both directly and through HOST_FILE; set only one');
  });
});

describe('vars.absolutePath', () => {
  it('takes a path a config file can carry unquoted, and names what is wrong otherwise', () => {
    const shape = { DIR: vars.absolutePath() };
    expect(loadConfig(shape, { DIR: '/var/lib/x' }).DIR).toBe('/var/lib/x');
    for (const bad of ['relative/x', '/with space', '/with"quote', '/back\\slash']) {
      expect(() => loadConfig(shape, { DIR: bad })).toThrow(/DIR: is malformed: expected an absolute path without spaces, quotes or backslashes/);
    }
  });
});
