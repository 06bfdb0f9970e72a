import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './exec.js';
import { startMariadb, type MariadbServer } from './mariadb.js';
import { isAlive } from './processes.js';

/** One statement through the mariadb CLI over TCP, as `user`. */
async function sql(server: MariadbServer, user: string, password: string, statement: string): Promise<string> {
  const args = ['--no-defaults', '-h', server.host, '-P', String(server.port), '-u', user, '-N', '-B', '-e', statement];
  return (await run('mariadb', args, { env: { MYSQL_PWD: password } })).stdout.trim();
}

describe('startMariadb', () => {
  let server: MariadbServer;

  beforeAll(async () => {
    server = await startMariadb({ database: 'shop', user: 'app', password: "it's a secret" });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('accepts root over TCP on 127.0.0.1 with the password only', async () => {
    expect(await sql(server, 'root', server.rootPassword, 'SELECT 1')).toBe('1');
    await expect(sql(server, 'root', 'wrong', 'SELECT 1')).rejects.toThrow(/Access denied/);
    await expect(sql(server, 'root', '', 'SELECT 1')).rejects.toThrow(/Access denied/);
  });

  it('creates the database and the application user', async () => {
    await sql(server, 'app', "it's a secret", 'CREATE TABLE shop.t (n INT); INSERT INTO shop.t VALUES (7)');
    expect(await sql(server, 'app', "it's a secret", 'SELECT n FROM shop.t')).toBe('7');
  });

  it('keeps its data across a crash and a restart on the same port', async () => {
    const before = server.daemon.pid;
    await server.crash();
    expect(isAlive(before)).toBe(false);
    await server.restart();
    expect(server.daemon.pid).not.toBe(before);
    expect(await sql(server, 'root', server.rootPassword, 'SELECT n FROM shop.t')).toBe('7');
  });

  it('stops leaving no process and no files', async () => {
    const pid = server.daemon.pid;
    const dataDir = server.dataDir;
    await server.stop();
    expect(isAlive(pid)).toBe(false);
    expect(existsSync(dataDir)).toBe(false);
    await server.stop(); // twice is harmless
  });
});
