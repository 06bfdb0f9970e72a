/** Missing or malformed environment: exit 78 before anything starts, naming the variable, showing no secret. */
import { existsSync } from 'node:fs';
import { lstat, mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir, startAgentProcess } from '@ft/testkit';
import { expectConfigExit } from '@ft/testkit/expect';
import { bundle, mysqlTestEnv } from './support.js';

describe('mysql agent with bad environment', () => {
  let parent: string;
  let dataDir: string;
  beforeAll(async () => {
    parent = await makeTempDir('mysql-badenv');
    // Never created: a config error must stop the agent before it touches the data dir.
    dataDir = path.join(parent, 'data');
  });
  afterAll(async () => {
    await removeDir(parent);
  });

  const cases: { variable: string; value: string | undefined; says: RegExp; secret?: string }[] = [
    { variable: 'MYSQL_ROOT_PASSWORD', value: undefined, says: /^config error: MYSQL_ROOT_PASSWORD: is not set/ },
    { variable: 'WORDPRESS_DB_PASSWORD', value: undefined, says: /^config error: WORDPRESS_DB_PASSWORD: is not set/ },
    {
      variable: 'MYSQL_ROOT_PASSWORD',
      value: 'Sh0rt!',
      says: /^config error: MYSQL_ROOT_PASSWORD: is malformed: expected a secret of at least 8 characters$/,
      secret: 'Sh0rt!',
    },
    { variable: 'MYSQL_PORT', value: 'abc', says: /^config error: MYSQL_PORT: is malformed: expected a TCP port number 1-65535 \(got "abc"\)/ },
    { variable: 'MYSQL_PORT', value: '70000', says: /^config error: MYSQL_PORT: is malformed/ },
    { variable: 'WORDPRESS_DB_USER', value: "wp'; DROP USER root --", says: /^config error: WORDPRESS_DB_USER: is malformed: expected a user name/ },
    { variable: 'WORDPRESS_DB_NAME', value: 'site`x', says: /^config error: WORDPRESS_DB_NAME: is malformed: expected a database name/ },
    { variable: 'MYSQL_DATA_DIR', value: 'relative/data', says: /^config error: MYSQL_DATA_DIR: is malformed: expected an absolute path/ },
    {
      variable: 'MYSQL_DATA_DIR',
      value: '/etc',
      says: /^config error: MYSQL_DATA_DIR: is malformed: expected a data directory of its own: \/etc is inside the system tree/,
    },
    {
      variable: 'MYSQL_DATA_DIR',
      value: '/var/lib',
      says: /^config error: MYSQL_DATA_DIR: is malformed: expected a data directory of its own: \/var\/lib is a system directory shared/,
    },
    { variable: 'LISTEN_HOST', value: 'every host', says: /^config error: LISTEN_HOST: is malformed: expected a host name or IP address/ },
  ];

  it.each(cases)('$variable=$value -> exit 78 naming it', async ({ variable, value, says, secret }) => {
    const env = await mysqlTestEnv(dataDir, { [variable]: value });
    const agent = startAgentProcess(bundle, env);
    try {
      await expectConfigExit(agent, { says, secret });
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      await agent.stop();
    }
  });
});

describe('mysql agent with a data dir that is not its own', () => {
  let parent: string;
  beforeAll(async () => {
    parent = await makeTempDir('mysql-foreign');
  });
  afterAll(async () => {
    await removeDir(parent);
  });

  async function dataDirExit(dataDir: string, says: RegExp): Promise<void> {
    const agent = startAgentProcess(bundle, await mysqlTestEnv(dataDir));
    try {
      const exit = await agent.exit;
      const output = agent.raw.join('\n');
      expect(exit.code, output).toBe(78);
      const fatal = agent.lines.filter((l) => l.level === 'fatal');
      expect(
        fatal.map((l) => [l.code, l.msg]),
        output,
      ).toEqual([['FT_ERR_DATA_DIR', expect.stringMatching(says)]]);
    } finally {
      await agent.stop();
    }
  }

  it('refuses a directory holding someone else’s files, before changing anything in it', async () => {
    const dataDir = path.join(parent, 'someone-else');
    await mkdir(dataDir);
    await writeFile(path.join(dataDir, 'notes.txt'), 'not a database');
    await dataDirExit(dataDir, /^FT_ERR_DATA_DIR: MYSQL_DATA_DIR: .*someone-else holds files \(notes\.txt\) but no MariaDB data dir; name an empty directory/);
    expect((await readdir(dataDir)).sort()).toEqual(['notes.txt']);
    expect(await readFile(path.join(dataDir, 'notes.txt'), 'utf8')).toBe('not a database');
    expect((await lstat(dataDir)).uid).toBe(0);
  });

  it('refuses a data dir that is a symbolic link to /etc, and leaves /etc as it was', async () => {
    const link = path.join(parent, 'etc-link');
    await symlink('/etc', link);
    const before = await lstat('/etc');
    await dataDirExit(link, /^FT_ERR_DATA_DIR: MYSQL_DATA_DIR: .*etc-link is \/etc, which may not be a data dir/);
    expect((await lstat('/etc')).uid).toBe(before.uid);
  });
});
