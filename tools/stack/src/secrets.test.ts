import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeTempDir, removeDir } from '@ft/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateSecrets, SecretsFileError, secretsPath } from './secrets.js';

const dirs: string[] = [];
async function stateDir(): Promise<string> {
  const dir = await makeTempDir('stack-secrets');
  dirs.push(dir);
  return path.join(dir, 'state');
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map(removeDir));
});

describe('loadOrCreateSecrets', () => {
  it('creates the file once (600 in a 700 dir) and returns the same values afterwards', async () => {
    const dir = await stateDir();
    const first = await loadOrCreateSecrets(dir);
    expect(first.created).toBe(true);
    expect((await stat(secretsPath(dir))).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const again = await loadOrCreateSecrets(dir);
    expect(again.created).toBe(false);
    expect(again.secrets).toEqual(first.secrets);
  });

  it('generates every value the contract lists, each distinct, letters and digits only', async () => {
    const { secrets: s } = await loadOrCreateSecrets(await stateDir());
    expect(s.wordpress.users.map((u) => u.role)).toEqual(['administrator', 'editor', 'author', 'subscriber']);
    expect(Object.keys(s.wordpress.keys)).toHaveLength(8);
    const passwords = [
      s.mysql.rootPassword,
      s.wordpress.dbPassword,
      ...s.wordpress.users.map((u) => u.password),
      ...Object.values(s.wordpress.keys),
      s.phpmyadmin.blowfishSecret,
      s.ssh.password,
      s.ftp.password,
      s.influxdb.admin.password,
      s.influxdb.write.password,
      s.influxdb.read.password,
      s.grafana.admin.password,
      s.grafana.secretKey,
    ];
    expect(new Set(passwords).size).toBe(passwords.length);
    for (const p of passwords) expect(p).toMatch(/^[A-Za-z0-9]{24,}$/);
    expect(s.ssh.user).not.toBe(s.ftp.user);
    // Two state dirs, two sets of host accounts: stacks on one host never fight over one.
    const other = await loadOrCreateSecrets(await stateDir());
    expect(other.secrets.ssh.user).not.toBe(s.ssh.user);
  });

  it('refuses a broken file naming the field, and leaves it as it was', async () => {
    const dir = await stateDir();
    await loadOrCreateSecrets(dir);
    const file = secretsPath(dir);
    const data = JSON.parse(await readFile(file, 'utf8')) as { ftp: { password: string } };
    data.ftp.password = 'short';
    const broken = JSON.stringify(data);
    await writeFile(file, broken);
    const err = await loadOrCreateSecrets(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SecretsFileError);
    expect((err as Error).message).toContain('field "ftp.password"');
    expect((err as Error).message).not.toContain('short');
    expect(await readFile(file, 'utf8')).toBe(broken);
  });

  it("gives a file made before Grafana's secret_key existed one, once, and changes nothing else", async () => {
    const dir = await stateDir();
    const { secrets: made } = await loadOrCreateSecrets(dir);
    const old = JSON.parse(await readFile(secretsPath(dir), 'utf8')) as { grafana: Record<string, unknown> };
    delete old.grafana['secretKey'];
    await writeFile(secretsPath(dir), JSON.stringify(old));
    const first = await loadOrCreateSecrets(dir);
    expect(first.secrets.grafana.secretKey).toMatch(/^[A-Za-z0-9]{32,}$/);
    expect(first.secrets.grafana.secretKey).not.toBe(made.grafana.secretKey);
    expect({ ...first.secrets, grafana: made.grafana }).toEqual(made);
    expect((await loadOrCreateSecrets(dir)).secrets).toEqual(first.secrets);
    expect((await stat(secretsPath(dir))).mode & 0o777).toBe(0o600);
  });

  it('refuses a file that is not JSON, and leaves it as it was', async () => {
    const dir = await stateDir();
    await mkdir(dir, { recursive: true });
    await writeFile(secretsPath(dir), '{"version": 1,');
    await expect(loadOrCreateSecrets(dir)).rejects.toThrow(/not valid JSON/);
    expect(await readFile(secretsPath(dir), 'utf8')).toBe('{"version": 1,');
  });
});
