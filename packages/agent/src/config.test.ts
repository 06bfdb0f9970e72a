import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from './config.js';
import { ConfigError, EXIT } from './errors.js';
import { dataDirProblem, secret, vars } from './env-types.js';

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
    const both = path.join(mkdtempSync(path.join(os.tmpdir(), 'ft-config-')), 'token');
    writeFileSync(both, 'a-token-of-twenty-or-more-chars\n');
    expect(error({ ...base, TOKEN: 'a-token-of-twenty-or-more-chars', TOKEN_FILE: both }).message).toBe(
      'TOKEN: is set both directly and through TOKEN_FILE; set only one',
    );
  });

  it('accepts NAME_FILE only for a secret setting (or one marked fromFile): a file is never read into a plain one', () => {
    const refused = error({ ...base, HOST: undefined as unknown as string, HOST_FILE: '/etc/hostname' });
    expect(refused.variable).toBe('HOST_FILE');
    expect(refused.message).toBe('HOST_FILE: is not accepted: only secret settings may come from a file; set HOST itself');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ft-config-'));
    const cert = path.join(dir, 'cert.pem');
    writeFileSync(cert, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const certShape = { CERT: vars.pemCertificate().optional() };
    expect(loadConfig(certShape, { CERT_FILE: cert }).CERT).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });

  it('never echoes what a file holds, even for a setting that is not secret', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ft-config-'));
    const file = path.join(dir, 'cert.pem');
    writeFileSync(file, 'private-looking-content\n');
    const err = (() => {
      try {
        loadConfig({ CERT: vars.pemCertificate() }, { CERT_FILE: file });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('no error');
    })();
    expect(err.message).toBe('CERT: is malformed: expected a PEM certificate (-----BEGIN CERTIFICATE-----)');
    expect(err.message).not.toContain('private-looking-content');
  });

  it('never echoes the credentials of a URL, whatever the setting', () => {
    const shape = { URL: vars.url(), NAME: vars.identifier() };
    const url = (() => {
      try {
        loadConfig(shape, { URL: 'https://admin:hunter2-secret@influxdb:8086', NAME: 'x' });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('no error');
    })();
    expect(url.message).toBe(
      'URL: is malformed: expected a URL without user or password in it (give them in their own settings) (got "https://***@influxdb:8086")',
    );
    const name = (() => {
      try {
        loadConfig(shape, { URL: 'http://influxdb:8086', NAME: 'see ftp://bob:p@ss@example.org/ now' });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('no error');
    })();
    expect(name.message).not.toMatch(/bob|p@ss/);
    expect(name.message).toContain('ftp://***@example.org/');
  });
});

describe('vars: each value is validated for what it is', () => {
  const accepts = (schema: z.ZodType, value: string) => schema.safeParse(value).success;

  it('hostname: a DNS name or an IP address, nothing a config line could misread', () => {
    for (const ok of ['mysql', 'influxdb.ft-services.svc.cluster.local', '0.0.0.0', '127.0.0.2', '::', '::1', 'fe80::1', 'a'.repeat(63)]) {
      expect(accepts(vars.hostname(), ok), ok).toBe(true);
    }
    for (const bad of ['', 'db\ninit-file=/tmp/x', 'db;', '-db', 'db-', '...', ':::::', 'a'.repeat(64), `${'a.'.repeat(127)}a`, 'db name', 'db_x']) {
      expect(accepts(vars.hostname(), bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it('url: http(s) only by default, bounded, no spaces, quotes or control characters', () => {
    expect(accepts(vars.url(), 'http://influxdb:8086')).toBe(true);
    expect(accepts(vars.url(), 'https://[::1]:8086/x')).toBe(true);
    for (const bad of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'ftp://x',
      'http://a\n[auth.proxy]',
      'http://a b',
      "http://a'b",
      `http://a/${'x'.repeat(2050)}`,
      'influxdb:8086',
    ]) {
      expect(accepts(vars.url(), bad), JSON.stringify(bad.slice(0, 40))).toBe(false);
    }
    expect(accepts(vars.url(['ftp']), 'ftp://x')).toBe(true);
  });

  it('string: one bounded line', () => {
    expect(accepts(vars.string(), 'ft_services site')).toBe(true);
    for (const bad of ['', 'a\nb', 'a\rb', 'a\0b', 'x'.repeat(1025)]) expect(accepts(vars.string(), bad), JSON.stringify(bad.slice(0, 9))).toBe(false);
  });

  it('pemCertificate and pemKey: PEM text over several lines, bounded', () => {
    const cert = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const key = `-----BEGIN PRIVATE KEY-----\n${'A'.repeat(64)}\n`.repeat(30);
    expect(accepts(vars.pemCertificate(), cert)).toBe(true);
    expect(accepts(vars.pemKey(), key)).toBe(true);
    expect(accepts(vars.pemCertificate(), 'hello')).toBe(false);
    expect(accepts(vars.pemKey(), 'x'.repeat(65_537))).toBe(false);
  });

  it('dnsName: what a pod name is', () => {
    expect(accepts(vars.dnsName(), 'grafana-7c9d-abcde')).toBe(true);
    for (const bad of ['pod\n[auth.proxy]', 'pod name', 'pod_1', '']) expect(accepts(vars.dnsName(), bad), JSON.stringify(bad)).toBe(false);
  });

  it('dataDir: never the root, a system tree or a shared parent, whatever its spelling', () => {
    for (const ok of ['/var/lib/mysql', '/data', '/srv/ftp', '/run/ft', '/tmp/ft-test-1/data', '/home/ftp-data']) {
      expect(accepts(vars.dataDir(), ok), ok).toBe(true);
    }
    for (const bad of [
      '/',
      '//',
      '/etc',
      '/etc/',
      '/etc/mysql',
      '/var',
      '/var/',
      '/var/lib',
      '/var/lib/',
      '/usr/local/x',
      '/proc/1',
      '/home',
      '/tmp',
      '/root',
      '/var/../etc',
      '/var/lib/./x',
    ]) {
      expect(accepts(vars.dataDir(), bad), bad).toBe(false);
    }
    expect(dataDirProblem('/var/lib')).toMatch(/shared by others/);
    expect(dataDirProblem('/etc/x')).toMatch(/inside the system tree \/etc/);
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
