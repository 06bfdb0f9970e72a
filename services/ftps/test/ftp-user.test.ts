/** The FTP account init step against the machine's real useradd, usermod and chpasswd. */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupUser } from '@ft/agent';
import { makeTempDir, removeDir, run } from '@ft/testkit';
import { ensureFtpUser } from '../src/ftp-user.js';
import { platforms } from '../src/platform.js';

const USER = 'fttestftpsuser';
const { loginShell } = platforms.debian;

describe('ensureFtpUser', () => {
  let root: string;
  beforeAll(async () => {
    root = await makeTempDir('ftps-user');
  });
  afterAll(async () => removeDir(root));

  const shadowHash = async (): Promise<string> => (await run('getent', ['shadow', USER])).stdout.split(':')[1] ?? '';

  it('creates the user with the data dir as home, owned by it, and sets the password every time', async () => {
    const first = path.join(root, 'first');
    await ensureFtpUser({ user: USER, password: 'first-password', dataDir: first, loginShell });
    const user = lookupUser(USER);
    expect(user.home).toBe(first);
    expect(user.uid).toBeGreaterThanOrEqual(1000);
    const s = await stat(first);
    expect([s.uid, s.gid, s.mode & 0o777]).toEqual([user.uid, user.gid, 0o755]);
    const hash1 = await shadowHash();
    await ensureFtpUser({ user: USER, password: 'second-password', dataDir: first, loginShell });
    expect(await shadowHash()).not.toBe(hash1);
  });

  it('moves the home to a new data dir and gives the user every file already there', async () => {
    const second = path.join(root, 'second');
    await mkdir(path.join(second, 'sub'), { recursive: true });
    await writeFile(path.join(second, 'sub', 'old.txt'), 'left by another uid');
    await ensureFtpUser({ user: USER, password: 'third-password', dataDir: second, loginShell });
    const user = lookupUser(USER);
    expect(user.home).toBe(second);
    for (const p of [second, path.join(second, 'sub'), path.join(second, 'sub', 'old.txt')]) {
      expect((await stat(p)).uid, p).toBe(user.uid);
    }
  });
});
