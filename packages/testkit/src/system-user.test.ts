import { afterAll, describe, expect, it } from 'vitest';
import { run } from './exec.js';
import { ensureSystemUser } from './system-user.js';

/** Checks a password against /etc/shadow the way PAM's pam_unix does, via the shadow hash. */
async function passwordMatches(name: string, password: string): Promise<boolean> {
  const hash = (await run('getent', ['shadow', name])).stdout.split(':')[1] ?? '';
  const salt = hash.slice(0, hash.lastIndexOf('$'));
  const { stdout } = await run('perl', ['-e', 'print crypt($ARGV[0], $ARGV[1])', password, salt]);
  return stdout === hash;
}

describe('ensureSystemUser', () => {
  const name = 'fttestuserkit';

  afterAll(async () => {
    await run('userdel', ['--remove', name]).catch(() => undefined);
  });

  it('creates the user with a home and bash, then only changes the password', async () => {
    const first = await ensureSystemUser(name, 'first-password');
    expect(first).toMatchObject({ name, home: `/home/${name}` });
    expect(first.uid).toBeGreaterThan(0);
    expect((await run('getent', ['passwd', name])).stdout.trim().endsWith(':/bin/bash')).toBe(true);
    expect(await passwordMatches(name, 'first-password')).toBe(true);

    const second = await ensureSystemUser(name, 'second-password');
    expect(second).toEqual(first);
    expect(await passwordMatches(name, 'second-password')).toBe(true);
    expect(await passwordMatches(name, 'first-password')).toBe(false);
  });

  it('refuses names without the fttest prefix and passwords chpasswd cannot carry', async () => {
    await expect(ensureSystemUser('root', 'x')).rejects.toThrow(/fttest/);
    await expect(ensureSystemUser(name, 'a:b')).rejects.toThrow(/':'/);
  });
});
