import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshd, type SshdServer } from '@ft/testkit';
import { CheckFailedError } from '../errors.js';
import { sshCheck, type SshCheckOptions } from './ssh-check.js';
import { closedPort, expectRejectsPromptlyOnAbort, runProbe, startSilentServer, trackResources, type SilentServer } from '../../test/check-support.js';

// Its own user, so a testkit suite running at the same time cannot change this one's password.
const USER = 'fttestsshchk';

describe('sshCheck', () => {
  let sshd: SshdServer;
  let silent: SilentServer;
  let byPassword: SshCheckOptions;

  beforeAll(async () => {
    [sshd, silent] = await Promise.all([startSshd({ user: USER }), startSilentServer()]);
    byPassword = { host: sshd.host, port: sshd.port, user: sshd.user, password: sshd.password };
  });

  afterAll(async () => {
    await Promise.all([sshd?.stop(), silent?.close()]);
  });

  describe('passes', () => {
    it('with a password, running `true` by default', async () => {
      const resources = trackResources();
      await expect(runProbe(sshCheck(byPassword))).resolves.toBe('true: exit 0');
      await resources.settled();
    });

    it('with a private key and the expected output', async () => {
      const probe = sshCheck({ host: sshd.host, port: sshd.port, user: sshd.user, privateKey: sshd.privateKey, command: 'id -un', expectOutput: USER });
      await expect(runProbe(probe)).resolves.toBe('id -un: exit 0');
    });
  });

  describe('fails', () => {
    it('on a wrong password, without showing it', async () => {
      const resources = trackResources();
      const err = await runProbe(sshCheck({ ...byPassword, password: 'wrong-password-x3' })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CheckFailedError);
      expect(String(err)).toMatch(new RegExp(`^CheckFailedError: ssh ${USER}@127\\.0\\.0\\.1:${sshd.port}: authentication failed`));
      expect(String(err)).not.toContain('wrong-password-x3');
      await resources.settled();
    });

    it('for root, whose login is refused even with an authorised key', async () => {
      const probe = sshCheck({ host: sshd.host, port: sshd.port, user: 'root', privateKey: sshd.privateKey });
      await expect(runProbe(probe)).rejects.toThrow(/authentication failed/);
    });

    it('when the command exits non-zero, with its first stderr line', async () => {
      const probe = sshCheck({ ...byPassword, command: 'echo broken >&2; exit 3' });
      await expect(runProbe(probe)).rejects.toThrow('echo broken >&2; exit 3: exit 3: broken');
    });

    it('when the output lacks the expected text', async () => {
      await expect(runProbe(sshCheck({ ...byPassword, command: 'echo hello', expectOutput: 'bye' }))).rejects.toThrow(
        'echo hello: output does not contain "bye"',
      );
    });

    it('quickly when nothing listens', async () => {
      const port = await closedPort();
      const started = performance.now();
      const err = await runProbe(sshCheck({ ...byPassword, port })).catch((e: unknown) => e);
      expect(String(err)).toContain(`ssh ${USER}@127.0.0.1:${port}: connect ECONNREFUSED`);
      expect(err).not.toBeInstanceOf(CheckFailedError);
      expect(performance.now() - started).toBeLessThan(1_000);
    });

    it('at once when aborted while the server does not answer', async () => {
      const resources = trackResources();
      await expectRejectsPromptlyOnAbort(sshCheck({ ...byPassword, port: silent.port }));
      await resources.settled();
    });
  });

  it('refuses to be built without a password or a key', () => {
    expect(() => sshCheck({ host: '127.0.0.1', port: 22, user: 'x' })).toThrow(/password or a privateKey/);
  });
});
