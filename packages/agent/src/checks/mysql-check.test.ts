import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, startMariadb, type MariadbServer } from '@ft/testkit';
import { CheckFailedError } from '../errors.js';
import { mysqlCheck, type MysqlCheckOptions } from './mysql-check.js';
import { closedPort, expectRejectsPromptlyOnAbort, runProbe, startSilentServer, trackResources, type SilentServer } from '../../test/check-support.js';

const PASSWORD = 'app-secret-9f3k';

describe('mysqlCheck', () => {
  let db: MariadbServer;
  let silent: SilentServer;
  let app: MysqlCheckOptions;

  beforeAll(async () => {
    [db, silent] = await Promise.all([startMariadb({ database: 'wordpress', user: 'wp', password: PASSWORD }), startSilentServer()]);
    app = { host: db.host, port: db.port, user: 'wp', password: PASSWORD, database: 'wordpress' };
  });

  afterAll(async () => {
    await Promise.all([db?.stop(), silent?.close()]);
  });

  describe('passes', () => {
    it('with SELECT 1 by default, closing its connection politely', async () => {
      const resources = trackResources();
      await expect(runProbe(mysqlCheck(app))).resolves.toBeUndefined();
      await resources.settled();
      // COM_QUIT was sent: the server does not count an aborted client.
      const { stdout } = await run('mariadb', ['--no-defaults', '-S', db.socket, '-uroot', '-N', '-B', '-e', "SHOW GLOBAL STATUS LIKE 'Aborted_clients'"], {
        env: { MYSQL_PWD: db.rootPassword },
      });
      expect(stdout.trim()).toBe('Aborted_clients\t0');
    });

    it('with a query of its own, as root without a database', async () => {
      const probe = mysqlCheck({ host: db.host, port: db.port, user: 'root', password: db.rootPassword, query: 'SELECT COUNT(*) FROM mysql.user' });
      await expect(runProbe(probe)).resolves.toBeUndefined();
    });
  });

  describe('fails', () => {
    it('on a wrong password, without showing any password', async () => {
      const resources = trackResources();
      const err = await runProbe(mysqlCheck({ ...app, password: 'wrong-password-x1' })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CheckFailedError);
      expect(String(err)).toMatch(
        new RegExp(`^CheckFailedError: mysql wp@127\\.0\\.0\\.1:${db.port}/wordpress: ER_ACCESS_DENIED_ERROR: Access denied for user 'wp'@'127.0.0.1'`),
      );
      expect(String(err)).not.toContain('wrong-password-x1');
      expect(String(err)).not.toContain(PASSWORD);
      await resources.settled();
    });

    it('on a database the user cannot use', async () => {
      await expect(runProbe(mysqlCheck({ ...app, database: 'nope' }))).rejects.toThrow(/ER_DBACCESS_DENIED_ERROR|ER_BAD_DB_ERROR/);
    });

    it('on a failing query', async () => {
      const resources = trackResources();
      await expect(runProbe(mysqlCheck({ ...app, query: 'SELECT * FROM wp_users' }))).rejects.toThrow(
        /ER_NO_SUCH_TABLE: Table 'wordpress.wp_users' doesn't exist/,
      );
      await resources.settled();
    });

    it('quickly when nothing listens', async () => {
      const port = await closedPort();
      const started = performance.now();
      const err = await runProbe(mysqlCheck({ ...app, port })).catch((e: unknown) => e);
      expect(String(err)).toContain(`mysql wp@127.0.0.1:${port}/wordpress: connect ECONNREFUSED`);
      expect(err).not.toBeInstanceOf(CheckFailedError);
      expect(performance.now() - started).toBeLessThan(1_000);
    });

    it('at once when aborted while the server does not answer', async () => {
      const resources = trackResources();
      await expectRejectsPromptlyOnAbort(mysqlCheck({ ...app, port: silent.port }));
      await resources.settled();
    });

    it('while the server is down, and passes again once it is back', async () => {
      const probe = mysqlCheck(app);
      await db.crash();
      await expect(runProbe(probe)).rejects.toThrow(/ECONNREFUSED/);
      await db.restart();
      await expect(runProbe(probe)).resolves.toBeUndefined();
    });
  });
});
