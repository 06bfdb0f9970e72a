import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '@ft/testkit';
import { vars } from './env-types.js';
import { ConfigError } from './errors.js';
import { ensureLoginUser, systemAccountProblem } from './system-users.js';

describe('login users (SSH, FTP): never a system account', () => {
  let dir: string;
  let passwdFile: string;
  beforeAll(async () => {
    dir = await makeTempDir('system-users');
    passwdFile = path.join(dir, 'passwd');
    await writeFile(
      passwdFile,
      [
        'root:x:0:0:root:/root:/bin/bash',
        'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin',
        'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin',
        'nfsguest:x:65533:65533::/nonexistent:/usr/sbin/nologin',
        'svcacct:x:998:998::/var/lib/svc:/usr/sbin/nologin',
        'alice:x:1000:1000::/home/alice:/bin/bash',
        '',
      ].join('\n'),
    );
  });
  afterAll(() => removeDir(dir));

  // `false` as the add command: a test that reached it would fail with a CommandError, not pass.
  const attempt = (name: string) => ensureLoginUser({ name, variable: 'FTP_USER', addUser: ['false'], passwdFile });

  it('refuses nobody, root and the daemons by name, before looking at the host', async () => {
    for (const name of ['root', 'nobody', 'daemon', 'www-data', 'mysql', 'sshd', 'ftp', 'systemd-network', '_apt']) {
      await expect(attempt(name), name).rejects.toThrow(new RegExp(`^FTP_USER: is malformed: ${name} is a system account`));
      expect(vars.loginUser().safeParse(name).success, name).toBe(false);
    }
    expect(systemAccountProblem('alice')).toBeUndefined();
  });

  it('refuses an account outside the regular uid range, whatever its name (below 1000, nobody-like above 59999)', async () => {
    const low = attempt('svcacct');
    await expect(low).rejects.toBeInstanceOf(ConfigError);
    await expect(low).rejects.toThrow('FTP_USER: is malformed: svcacct is a system account (uid 998); expected a user of its own');
    await expect(attempt('nfsguest')).rejects.toThrow('FTP_USER: is malformed: nfsguest is a system account (uid 65533); expected a user of its own');
    await expect(attempt('alice')).resolves.toMatchObject({ user: { name: 'alice', uid: 1000 }, created: false });
  });
});
