import { describe, expect, it } from 'vitest';
import { countSessions, isSessionTitle, parentPid } from './collectors.js';

describe('ssh session titles', () => {
  it('counts the logged-in side of a connection, on OpenSSH 9.2 and 10', () => {
    expect(isSessionTitle('sshd: alice@pts/0')).toBe(true);
    expect(isSessionTitle('sshd: alice@notty\0\0')).toBe(true);
    expect(isSessionTitle('sshd-session: alice@notty')).toBe(true);
  });

  it('does not count the listener, privileged monitors or connections still authenticating', () => {
    for (const title of [
      '/usr/sbin/sshd\0-D\0-e\0-f\0/run/ft/ssh/sshd_config',
      'sshd: alice [priv]',
      'sshd: unknown [net]',
      'sshd-session: alice [preauth]',
      'sshd-auth: alice [net]',
      'bash',
    ]) {
      expect(isSessionTitle(title)).toBe(false);
    }
  });

  it('reads the parent from /proc/<pid>/stat even when the name holds ") "', () => {
    expect(parentPid('42 (odd) name) S 7 42 42 0 -1')).toBe(7);
  });

  it('finds no session under a process that has none (this test runner)', async () => {
    expect(await countSessions(process.pid)).toBe(0);
  });
});
