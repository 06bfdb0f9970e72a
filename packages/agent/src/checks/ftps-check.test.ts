import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVsftpd, type VsftpdServer } from '@ft/testkit';
import { CheckFailedError } from '../errors.js';
import { ftpsCheck, type FtpsCheckOptions } from './ftps-check.js';
import { closedPort, expectRejectsPromptlyOnAbort, runProbe, startSilentServer, trackResources, type SilentServer } from '../../test/check-support.js';

// Its own user, so a testkit suite running at the same time cannot change this one's password.
const USER = 'fttestftpchk';

describe('ftpsCheck', () => {
  let tlsServer: VsftpdServer;
  let plainServer: VsftpdServer;
  let silent: SilentServer;
  let login: FtpsCheckOptions;

  beforeAll(async () => {
    tlsServer = await startVsftpd({ user: USER });
    // Same user and password (startVsftpd sets it on every start).
    plainServer = await startVsftpd({ user: USER, password: tlsServer.password, tls: false });
    silent = await startSilentServer();
    login = { host: tlsServer.host, port: tlsServer.port, user: tlsServer.user, password: tlsServer.password };
    await writeFile(path.join(tlsServer.rootDir, 'index.html'), 'hello');
  });

  afterAll(async () => {
    await Promise.all([tlsServer?.stop(), plainServer?.stop(), silent?.close()]);
  });

  it('passes: TLS login and a listing over a TLS data connection', async () => {
    const resources = trackResources();
    await expect(runProbe(ftpsCheck(login))).resolves.toBe('listed 1 entries in /');
    await resources.settled();
  });

  it('fails on a wrong password, without showing it', async () => {
    const resources = trackResources();
    const err = await runProbe(ftpsCheck({ ...login, password: 'wrong-password-x2' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CheckFailedError);
    expect(String(err)).toBe(`CheckFailedError: ftps ${USER}@127.0.0.1:${login.port}: login refused: 530 Login incorrect.`);
    expect(String(err)).not.toContain(tlsServer.password);
    await resources.settled();
  });

  it('fails against a server that does not offer TLS, even with the right password', async () => {
    const resources = trackResources();
    const probe = ftpsCheck({ ...login, port: plainServer.port });
    await expect(runProbe(probe)).rejects.toThrow(`ftps ${USER}@127.0.0.1:${plainServer.port}: AUTH TLS refused: 530`);
    await resources.settled();
  });

  it('fails on a directory that does not exist', async () => {
    await expect(runProbe(ftpsCheck({ ...login, path: '/no/such/dir' }))).rejects.toThrow(
      `ftps ${USER}@127.0.0.1:${login.port}: cd /no/such/dir refused: 550 Failed to change directory.`,
    );
  });

  it('fails quickly when nothing listens', async () => {
    const port = await closedPort();
    const started = performance.now();
    await expect(runProbe(ftpsCheck({ ...login, port }))).rejects.toThrow(`ftps ${USER}@127.0.0.1:${port}: connect: connect ECONNREFUSED`);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('rejects at once when aborted while the server does not answer', async () => {
    const resources = trackResources();
    await expectRejectsPromptlyOnAbort(ftpsCheck({ ...login, port: silent.port }));
    await resources.settled();
  });
});
