/** ftps-transfer and ftp-plain-refused against a real vsftpd (testkit): with TLS forced, and without TLS. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startVsftpd, type VsftpdServer } from '@ft/testkit';
import { readdir } from 'node:fs/promises';
import { runChecks } from '../run-checks.js';
import type { CheckResult, VerifySecrets } from '../types.js';

const secretsFor = (server: { user: string }, password: string): VerifySecrets => ({
  ssh: { user: 'nobody', password: 'unused-1' },
  ftp: { user: server.user, password },
  wordpress: { dbUser: 'x', dbPassword: 'unused-2', users: [] },
});

async function ftpChecks(port: number, secrets: VerifySecrets): Promise<Record<string, CheckResult>> {
  const results = await runChecks({ address: '127.0.0.1', ports: { ftp: port } }, { secrets, only: ['ftps-transfer', 'ftp-plain-refused'], timeoutMs: 30_000 });
  return Object.fromEntries(results.map((r) => [r.name, r]));
}

describe('vsftpd with TLS required (as the ftps service)', () => {
  let server: VsftpdServer;
  beforeAll(async () => {
    server = await startVsftpd({ user: 'fttestverify' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('uploads and downloads the same bytes over TLS, leaves no file, and plain FTP is refused', async () => {
    const results = await ftpChecks(server.port, secretsFor(server, server.password));
    expect(results['ftps-transfer'], results['ftps-transfer']?.message).toMatchObject({
      status: 'pass',
      message: expect.stringMatching(/^TLSv1\.[23], 262144 bytes up and back/),
    });
    expect(results['ftp-plain-refused']).toMatchObject({ status: 'pass', message: expect.stringMatching(/^refused: 530/) });
    expect(await readdir(server.rootDir)).toEqual([]);
  });

  it('fails the transfer on a wrong password, naming the login step and not the password', async () => {
    const results = await ftpChecks(server.port, secretsFor(server, 'wrong-password-1'));
    expect(results['ftps-transfer']).toMatchObject({ status: 'fail', code: 'FT_VERIFY_LOGIN_REFUSED', message: expect.stringContaining('login refused: 530') });
    expect(results['ftps-transfer']?.message).not.toContain('wrong-password-1');
  });

  it('fails both when nothing listens (a refusal is only proven by an answer)', async () => {
    const results = await ftpChecks(await freePort(), secretsFor(server, server.password));
    expect(results['ftps-transfer']).toMatchObject({ status: 'fail', code: 'FT_VERIFY_UNREACHABLE', message: expect.stringContaining('connect') });
    expect(results['ftp-plain-refused']).toMatchObject({ status: 'fail', code: 'FT_VERIFY_UNREACHABLE' });
  });
});

describe('vsftpd without TLS', () => {
  let server: VsftpdServer;
  beforeAll(async () => {
    server = await startVsftpd({ user: 'fttestverify', tls: false });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('fails both: no AUTH TLS, and the clear-text login is accepted', async () => {
    const results = await ftpChecks(server.port, secretsFor(server, server.password));
    expect(results['ftps-transfer']).toMatchObject({ status: 'fail', code: 'FT_VERIFY_CONTENT', message: expect.stringContaining('AUTH TLS refused') });
    expect(results['ftp-plain-refused']).toMatchObject({
      status: 'fail',
      code: 'FT_VERIFY_LOGIN_ACCEPTED',
      message: expect.stringContaining('was accepted: 230'),
    });
  });
});
