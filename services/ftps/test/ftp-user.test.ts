/** The FTP account init step against the machine's real useradd, usermod and chpasswd. */
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupUser } from '@ft/agent';
import { makeTempDir, removeDir, run } from '@ft/testkit';
import { ensureFtpUser, ftpHome } from '../src/ftp-user.js';
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

  it("creates the user with <data dir>/./files as home: the jail root root's, files/ the user's alone; sets the password every time", async () => {
    const first = path.join(root, 'first');
    await ensureFtpUser({ user: USER, password: 'first-password', dataDir: first, loginShell });
    const user = lookupUser(USER);
    expect(user.home).toBe(`${first}/./files`);
    expect(ftpHome(first)).toBe(user.home);
    expect(user.uid).toBeGreaterThanOrEqual(1000);
    const top = await stat(first);
    expect([top.uid, top.gid, top.mode & 0o777]).toEqual([0, 0, 0o755]);
    const files = await stat(path.join(first, 'files'));
    expect([files.uid, files.gid, files.mode & 0o777]).toEqual([user.uid, user.gid, 0o750]);
    // No login shell (the local mode's account is a host account): the agent's PAM service needs none.
    expect(user.shell).toBe('/usr/sbin/nologin');
    const hash1 = await shadowHash();
    await ensureFtpUser({ user: USER, password: 'second-password', dataDir: first, loginShell });
    expect(await shadowHash()).not.toBe(hash1);
  });

  it('takes the login shell away from an account that has one (made by an older agent, or by hand)', async () => {
    await run('usermod', ['--shell', '/bin/sh', USER]);
    expect(lookupUser(USER).shell).toBe('/bin/sh');
    await ensureFtpUser({ user: USER, password: 'other-password', dataDir: path.join(root, 'first'), loginShell });
    expect(lookupUser(USER).shell).toBe('/usr/sbin/nologin');
  });

  it("never takes a directory of another account (a home, a daemon's directory), and changes nothing in it", async () => {
    const foreign = path.join(root, 'someones-home');
    await mkdir(path.join(foreign, 'sub'), { recursive: true });
    await writeFile(path.join(foreign, 'sub', 'private.txt'), 'not for the FTP user');
    await run('chown', ['-R', 'nobody', foreign]);
    const nobody = lookupUser('nobody').uid;
    await expect(ensureFtpUser({ user: USER, password: 'other-password', dataDir: foreign, loginShell })).rejects.toThrow(
      /^FTP_DATA_DIR: .*someones-home holds files \(sub\) and was not made for ftps/,
    );
    for (const p of [foreign, path.join(foreign, 'sub'), path.join(foreign, 'sub', 'private.txt')]) expect((await stat(p)).uid, p).toBe(nobody);
    await expect(stat(path.join(foreign, 'files'))).rejects.toThrow(/ENOENT/);
  });

  it('moves the home to a new data dir and gives the user every file already in files/', async () => {
    const second = path.join(root, 'second');
    await mkdir(path.join(second, 'files', 'sub'), { recursive: true });
    await writeFile(path.join(second, 'files', 'sub', 'old.txt'), 'left by another uid');
    await ensureFtpUser({ user: USER, password: 'third-password', dataDir: second, loginShell });
    const user = lookupUser(USER);
    expect(user.home).toBe(`${second}/./files`);
    for (const p of ['files', 'files/sub', 'files/sub/old.txt'].map((f) => path.join(second, f))) {
      expect((await stat(p)).uid, p).toBe(user.uid);
    }
  });

  it("moves the files of a volume of the earlier layout (the user's own top) into files/, and takes the top back", async () => {
    const third = path.join(root, 'third');
    await mkdir(path.join(third, 'dir'), { recursive: true });
    await writeFile(path.join(third, 'dir', 'kept.txt'), 'uploaded before');
    await writeFile(path.join(third, 'top.txt'), 'uploaded before');
    const user = lookupUser(USER);
    await run('chown', ['-R', `${user.uid}:${user.gid}`, third]);
    await ensureFtpUser({ user: USER, password: 'fourth-password', dataDir: third, loginShell });
    expect((await readdir(third)).sort()).toEqual(['files']);
    expect((await readdir(path.join(third, 'files'))).sort()).toEqual(['dir', 'top.txt']);
    expect(await readFile(path.join(third, 'files', 'dir', 'kept.txt'), 'utf8')).toBe('uploaded before');
    expect((await stat(third)).uid).toBe(0);
  });
});
