/** ssh-login and ssh-root-refused against a real OpenSSH server (testkit): PermitRootLogin no, one user by password. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { freePort, startSshd, type SshdServer } from '@ft/testkit';
import { runChecks } from '../run-checks.js';
import type { CheckResult, VerifySecrets } from '../types.js';

const secretsFor = (user: string, password: string): VerifySecrets => ({
  ssh: { user, password },
  ftp: { user: 'nobody', password: 'unused-1' },
  wordpress: { dbUser: 'x', dbPassword: 'unused-2', users: [] },
});

async function sshChecks(port: number, secrets: VerifySecrets): Promise<Record<string, CheckResult>> {
  const results = await runChecks({ address: '127.0.0.1', ports: { ssh: port } }, { secrets, only: ['ssh-login', 'ssh-root-refused'], timeoutMs: 20_000 });
  return Object.fromEntries(results.map((r) => [r.name, r]));
}

describe('sshd as the nginx container runs it', () => {
  let server: SshdServer;
  beforeAll(async () => {
    server = await startSshd({ user: 'fttestverifyssh' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('logs the user in and runs a command; root is refused', async () => {
    const results = await sshChecks(server.port, secretsFor(server.user, server.password));
    expect(results['ssh-login'], results['ssh-login']?.message).toMatchObject({
      status: 'pass',
      message: expect.stringContaining(`logged in as ${server.user}`),
    });
    expect(results['ssh-root-refused']).toMatchObject({ status: 'pass', message: 'root refused by the server' });
  });

  it('fails the login on a wrong password', async () => {
    const results = await sshChecks(server.port, secretsFor(server.user, 'wrong-password-1'));
    expect(results['ssh-login']).toMatchObject({ status: 'fail', code: 'FT_VERIFY_LOGIN_REFUSED' });
  });

  it('fails the login of a user the server does not admit', async () => {
    const results = await sshChecks(server.port, secretsFor('fttestnotallowed', server.password));
    expect(results['ssh-login']).toMatchObject({ status: 'fail', code: 'FT_VERIFY_LOGIN_REFUSED' });
  });
});

describe('no sshd', () => {
  it('fails both when nothing listens: a refused root is only proven by an answer', async () => {
    const results = await sshChecks(await freePort(), secretsFor('someone', 'password-1'));
    expect(results['ssh-login']).toMatchObject({ status: 'fail', code: 'FT_VERIFY_UNREACHABLE', message: expect.stringContaining('ECONNREFUSED') });
    expect(results['ssh-root-refused']).toMatchObject({ status: 'fail', code: 'FT_VERIFY_UNREACHABLE' });
  });

  it('fails both when the port is not SSH', async () => {
    const server = net.createServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const results = await sshChecks((server.address() as AddressInfo).port, secretsFor('someone', 'password-1'));
      expect(results['ssh-login']).toMatchObject({ status: 'fail', code: 'FT_VERIFY_UNREACHABLE' });
      expect(results['ssh-root-refused']).toMatchObject({ status: 'fail', code: 'FT_VERIFY_UNREACHABLE' });
    } finally {
      server.close();
    }
  });
});
