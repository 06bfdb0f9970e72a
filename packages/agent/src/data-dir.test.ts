import { chown, lstat, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '@ft/testkit';
import { checkDataDir, claimDataDir, DATA_DIR_MARKER } from './data-dir.js';
import { DataDirError, EXIT } from './errors.js';

describe('data dirs', () => {
  let root: string;
  beforeAll(async () => {
    root = await makeTempDir('data-dir');
  });
  afterAll(() => removeDir(root));

  it('refuses a data dir that resolves to a system directory through a symbolic link, naming the setting', async () => {
    for (const target of ['/', '/etc', '/var/lib', '/usr/share']) {
      const link = path.join(root, `link-${target.replace(/\//g, '_')}`);
      await symlink(target, link);
      const attempt = checkDataDir('MYSQL_DATA_DIR', link);
      await expect(attempt, target).rejects.toBeInstanceOf(DataDirError);
      await expect(attempt).rejects.toThrow(new RegExp(`^MYSQL_DATA_DIR: ${link} is ${target}, which may not be a data dir`));
    }
    const err = (await checkDataDir('X', '/etc').catch((e: unknown) => e)) as DataDirError;
    expect([err.code, err.exitCode]).toEqual(['FT_ERR_DATA_DIR', EXIT.config]);
    expect(await checkDataDir('X', path.join(root, 'made/here'))).toBe(path.join(root, 'made/here'));
  });

  it('claims an empty directory (a filesystem lost+found aside) and marks it as the service’s', async () => {
    const dir = path.join(root, 'fresh');
    await mkdir(path.join(dir, 'lost+found'), { recursive: true });
    expect(await claimDataDir({ variable: 'FTP_DATA_DIR', dir, service: 'ftps', uid: 4242 })).toBe('empty');
    expect(await readFile(path.join(dir, DATA_DIR_MARKER), 'utf8')).toBe('ftps\n');
    await writeFile(path.join(dir, 'upload.txt'), 'a file');
    expect(await claimDataDir({ variable: 'FTP_DATA_DIR', dir, service: 'ftps', uid: 4242 })).toBe('marked');
  });

  it('refuses a directory holding files that was not made for the service, and changes nothing in it', async () => {
    const home = path.join(root, 'home-of-someone');
    await mkdir(home);
    await writeFile(path.join(home, '.bashrc'), 'a file of someone else');
    await chown(home, 1234, 1234);
    const attempt = claimDataDir({ variable: 'FTP_DATA_DIR', dir: home, service: 'ftps', uid: 4242 });
    await expect(attempt).rejects.toBeInstanceOf(DataDirError);
    await expect(attempt).rejects.toThrow(/^FTP_DATA_DIR: .* holds files \(\.bashrc\) and was not made for ftps: nothing in it was given/);
    expect((await lstat(home)).uid).toBe(1234);
    await expect(lstat(path.join(home, DATA_DIR_MARKER))).rejects.toThrow(/ENOENT/);

    const other = path.join(root, 'mysql-volume');
    await mkdir(other);
    await writeFile(path.join(other, DATA_DIR_MARKER), 'mysql\n');
    await expect(claimDataDir({ variable: 'INFLUXDB_DATA_DIR', dir: other, service: 'influxdb', uid: 4242 })).rejects.toThrow(/was made for "mysql"/);
  });

  it('without a marker (the FTP root), takes a directory of an orphaned regular uid, never one of an account', async () => {
    const passwdFile = path.join(root, 'passwd');
    await writeFile(passwdFile, 'root:x:0:0::/root:/bin/sh\nbob:x:1500:1500::/home/bob:/bin/sh\n');
    const renumbered = path.join(root, 'renumbered');
    await mkdir(renumbered);
    await writeFile(path.join(renumbered, 'upload.bin'), 'x');
    await chown(renumbered, 1600, 1600);
    const claim = (dir: string) => claimDataDir({ variable: 'FTP_DATA_DIR', dir, service: 'ftps', uid: 4242, mark: false, passwdFile });
    expect(await claim(renumbered)).toBe('orphaned');
    await expect(lstat(path.join(renumbered, DATA_DIR_MARKER))).rejects.toThrow(/ENOENT/);
    // Root's (a mount point, files restored from a backup): taken too.
    await chown(renumbered, 0, 0);
    expect(await claim(renumbered)).toBe('root');
    // Another account's (a home): never.
    await chown(renumbered, 1500, 1500);
    await expect(claim(renumbered)).rejects.toThrow(/holds files \(upload\.bin\) and was not made for ftps/);
  });

  it('adopts a volume the daemon already owns (from before the marker)', async () => {
    const dir = path.join(root, 'old-volume');
    await mkdir(path.join(dir, 'data'), { recursive: true });
    await chown(dir, 4242, 4242);
    expect(await claimDataDir({ variable: 'INFLUXDB_DATA_DIR', dir, service: 'influxdb', uid: 4242 })).toBe('owned');
    expect(await readFile(path.join(dir, DATA_DIR_MARKER), 'utf8')).toBe('influxdb\n');
  });
});
