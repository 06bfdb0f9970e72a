import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { makeTempDir, removeDir } from '@ft/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretsCommand } from './secrets-command.js';
import { secretsPath, type Secrets } from './secrets.js';
import { secretEnv } from './service-env.js';
import { SERVICES } from '@ft/platform';

const exec = promisify(execFile);
let dir: string;
let out: string;
let printed: string[];
let secrets: Secrets;

beforeAll(async () => {
  dir = await makeTempDir('stack-k8s');
  out = path.join(dir, 'out');
  printed = [];
  await secretsCommand({ stateDir: path.join(dir, 'state'), k8sOut: out, externalHost: '192.168.49.100' }, (l) => printed.push(l));
  secrets = JSON.parse(await readFile(secretsPath(path.join(dir, 'state')), 'utf8')) as Secrets;
});
afterAll(async () => {
  await removeDir(dir);
});

describe('secrets --k8s-out', () => {
  it('writes the contract files, every one mode 600', async () => {
    const top = (await readdir(out)).sort();
    expect(top).toEqual([...SERVICES.map((s) => `${s}.secret.env`), 'ssh-host-keys', 'summary.json', 'tls.crt', 'tls.key'].sort());
    const keys = (await readdir(path.join(out, 'ssh-host-keys'))).sort();
    expect(keys).toEqual(['ecdsa', 'ed25519', 'rsa'].flatMap((t) => [`ssh_host_${t}_key`, `ssh_host_${t}_key.pub`]).sort());
    for (const f of [...top.filter((f) => f !== 'ssh-host-keys'), ...keys.map((k) => `ssh-host-keys/${k}`)]) {
      expect(((await stat(path.join(out, f))).mode & 0o777).toString(8), f).toBe('600');
    }
  });

  it('env files hold KEY=value lines, exactly the secret variables of each service', async () => {
    for (const service of SERVICES) {
      const text = await readFile(path.join(out, `${service}.secret.env`), 'utf8');
      const parsed = Object.fromEntries(
        text
          .trimEnd()
          .split('\n')
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
      expect(parsed).toEqual(secretEnv(service, secrets));
    }
    const wp = await readFile(path.join(out, 'wordpress.secret.env'), 'utf8');
    const users = JSON.parse(/^WORDPRESS_USERS=(.*)$/m.exec(wp)?.[1] ?? '[]') as { role: string }[];
    expect(users.map((u) => u.role)).toContain('administrator');
  });

  it('the certificate names the external host; the host keys are valid', async () => {
    const { stdout } = await exec('openssl', ['x509', '-in', path.join(out, 'tls.crt'), '-noout', '-subject', '-ext', 'subjectAltName']);
    expect(stdout).toContain('CN = 192.168.49.100');
    expect(stdout).toContain('IP Address:192.168.49.100');
    const { stdout: fp } = await exec('ssh-keygen', ['-l', '-f', path.join(out, 'ssh-host-keys', 'ssh_host_ed25519_key.pub')]);
    expect(fp).toContain('ED25519');
  });

  it('a second run keeps every value and the key material', async () => {
    const before = await readFile(path.join(out, 'tls.key'), 'utf8');
    const env = await readFile(path.join(out, 'nginx.secret.env'), 'utf8');
    await secretsCommand({ stateDir: path.join(dir, 'state'), k8sOut: out, externalHost: '192.168.49.100' }, () => undefined);
    expect(await readFile(path.join(out, 'tls.key'), 'utf8')).toBe(before);
    expect(await readFile(path.join(out, 'nginx.secret.env'), 'utf8')).toBe(env);
  });

  it('summary.json has the logins; nothing secret was printed', async () => {
    const summary = JSON.parse(await readFile(path.join(out, 'summary.json'), 'utf8')) as { wordpress: { users: unknown[] }; grafana: { password: string } };
    expect(summary.wordpress.users).toHaveLength(4);
    expect(summary.grafana.password).toBe(secrets.grafana.admin.password);
    const all = printed.join('\n');
    for (const service of SERVICES) for (const value of Object.values(secretEnv(service, secrets))) if (value.length >= 8) expect(all).not.toContain(value);
  });
});
