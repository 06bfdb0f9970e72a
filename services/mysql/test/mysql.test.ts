/**
 * The mysql agent (dist/agent.js) against Debian's MariaDB: first start, later starts, a crash, the
 * collector into a real InfluxDB, a wrong password, a first start that was cut short.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { createConnection } from 'mysql2/promise';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, processesMatching, removeDir, startAgentProcess, startInfluxdb, waitUntil, type AgentProcess, type InfluxdbServer } from '@ft/testkit';
import { MYSQL_FIELDS } from '../src/collectors.js';
import { INCOMPLETE_MARKER } from '../src/data-dir-state.js';
import { ROOT_PASSWORD, WP_PASSWORD, bundle, connectWordpress, leakedSecrets, mysqlTestEnv, rootLoginOnSocket } from './support.js';

const NEW_ROOT_PASSWORD = 'another-root-pw-2';
const WRONG_WP_PASSWORD = 'not-the-wp-password-9';
const SECRETS = [ROOT_PASSWORD, WP_PASSWORD, NEW_ROOT_PASSWORD, WRONG_WP_PASSWORD];
const READY_MS = 120_000;

const influxWriter = { user: 'fttest_mysql_writer', password: 'writer-pass-mysql-1' };

describe('mysql service', () => {
  let influx: InfluxdbServer;
  let dataDir: string;
  let agent: AgentProcess | undefined;

  const start = async (overrides: Record<string, string> = {}): Promise<{ agent: AgentProcess; env: Record<string, string>; readyMs: number }> => {
    const env = await mysqlTestEnv(dataDir, {
      AGENT_INFLUX_URL: influx.url,
      AGENT_INFLUX_DB: 'metrics',
      AGENT_INFLUX_USER: influxWriter.user,
      AGENT_INFLUX_PASSWORD: influxWriter.password,
      ...overrides,
    });
    const started = performance.now();
    agent = startAgentProcess(bundle, env);
    await agent.waitReady(READY_MS);
    return { agent, env, readyMs: Math.round(performance.now() - started) };
  };

  beforeAll(async () => {
    influx = await startInfluxdb();
    await influx.createDatabase('metrics');
    await influx.createUser(influxWriter.user, influxWriter.password, 'metrics', 'WRITE');
    dataDir = await makeTempDir('mysql-data');
  });

  afterEach(async () => {
    if (!agent) return;
    await agent.stop();
    expect(leakedSecrets(agent, SECRETS)).toEqual([]);
    agent = undefined;
  });

  afterAll(async () => {
    await influx?.destroy();
    if (dataDir) await removeDir(dataDir);
  });

  const bodies = async (env: Record<string, string>, table: string): Promise<string[]> => {
    const conn = await connectWordpress(env);
    try {
      const [rows] = await conn.query<RowDataPacket[]>('SELECT body FROM ?? ORDER BY id', [table]);
      return rows.map((r) => String(r.body));
    } finally {
      await conn.end();
    }
  };

  it('first start: initialises the data dir; the WordPress user works over TCP; root only locally, with its password', async () => {
    const { agent: a, env, readyMs } = await start();
    console.log(`first start (initialise + start) ready in ${readyMs} ms`);
    expect(a.lines.some((l) => l.msg === 'empty data dir: creating the system tables')).toBe(true);
    expect(existsSync(path.join(dataDir, INCOMPLETE_MARKER))).toBe(false);

    const conn = await connectWordpress(env);
    await conn.query('CREATE TABLE notes (id INT AUTO_INCREMENT PRIMARY KEY, body VARCHAR(100) NOT NULL) ENGINE=InnoDB');
    await conn.query('INSERT INTO notes (body) VALUES (?)', ['first start']);
    const [dbs] = await conn.query<RowDataPacket[]>('SELECT DEFAULT_CHARACTER_SET_NAME AS cs FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = DATABASE()');
    expect(dbs[0]?.cs).toBe('utf8mb4');
    await conn.end();

    // Root has no account for TCP clients.
    const rootTcp = createConnection({ host: '127.0.0.1', port: Number(env.MYSQL_PORT), user: 'root', password: ROOT_PASSWORD });
    await expect(rootTcp).rejects.toThrow(/Access denied for user 'root'@'127\.0\.0\.1'/);
    // On the socket, the password set at the first start works and another does not.
    await expect(rootLoginOnSocket(a.runDir, ROOT_PASSWORD)).resolves.toEqual({ code: 0, output: 'root@localhost' });
    const wrong = await rootLoginOnSocket(a.runDir, NEW_ROOT_PASSWORD);
    expect(wrong.code).not.toBe(0);
    expect(wrong.output).toMatch(/Access denied for user 'root'@'localhost'/);
  });

  it('the collector writes a `mysql` point with every listed field to InfluxDB', async () => {
    await start();
    let columns: string[] = [];
    let values: unknown[] = [];
    await waitUntil(
      async () => {
        const [result] = await influx.query("SELECT * FROM mysql WHERE service = 'mysql' ORDER BY time DESC LIMIT 1", 'metrics');
        const series = result?.series?.[0];
        if (!series) return false;
        columns = series.columns;
        values = series.values[0] ?? [];
        return true;
      },
      30_000,
      'a mysql point in InfluxDB',
      500,
    );
    const point = Object.fromEntries(columns.map((c, i) => [c, values[i]]));
    for (const field of MYSQL_FIELDS) expect(typeof point[field], field).toBe('number');
    expect(point.connections).toBeGreaterThan(0);
    expect(point.threads_connected).toBeGreaterThanOrEqual(1);
    expect(point.innodb_buffer_pool_pages_total).toBeGreaterThan(0);
    expect(point.pod).toBeTypeOf('string');
    console.log(`mysql point: ${JSON.stringify(point)}`);
  });

  it('a later start keeps the data and does not re-initialise, even with another MYSQL_ROOT_PASSWORD', async () => {
    const { agent: a, env, readyMs } = await start({ MYSQL_ROOT_PASSWORD: NEW_ROOT_PASSWORD });
    console.log(`later start ready in ${readyMs} ms`);
    expect(a.lines.some((l) => l.msg.startsWith('data dir already initialised'))).toBe(true);
    expect(a.lines.some((l) => l.process === 'mariadb-install-db' || l.process === 'mariadbd-init')).toBe(false);
    expect(await bodies(env, 'notes')).toEqual(['first start']);
    // The stored root password is kept: the old one works, the new one is refused.
    await expect(rootLoginOnSocket(a.runDir, ROOT_PASSWORD)).resolves.toEqual({ code: 0, output: 'root@localhost' });
    expect((await rootLoginOnSocket(a.runDir, NEW_ROOT_PASSWORD)).code).not.toBe(0);
  });

  it('kill -9 of mariadbd: the agent exits 70; rows committed before are there after the next start', async () => {
    const { agent: a, env } = await start();
    const conn = await connectWordpress(env);
    await conn.query('CREATE TABLE crash (id INT AUTO_INCREMENT PRIMARY KEY, body VARCHAR(100) NOT NULL) ENGINE=InnoDB');
    await conn.beginTransaction();
    for (let i = 0; i < 50; i++) await conn.query('INSERT INTO crash (body) VALUES (?)', [`batch ${i}`]);
    await conn.commit();
    // Autocommit: the OK comes after the commit reached the redo log on disk.
    await conn.query('INSERT INTO crash (body) VALUES (?)', ['last before kill']);
    conn.destroy();

    const pid = await a.pidOf('mariadbd');
    // Named as `pkill mysqld` expects (SPEC's fault check).
    expect((await readFile(`/proc/${pid}/comm`, 'utf8')).trim()).toBe('mysqld');
    const killedAt = Date.now();
    process.kill(pid, 'SIGKILL');
    const exit = await a.exit;
    console.log(`agent exited ${exit.code} ${exit.at - killedAt} ms after kill -9 of mariadbd`);
    expect(exit.code).toBe(70);
    expect(a.lines.some((l) => l.level === 'fatal' && l.msg.endsWith('process mariadbd killed by SIGKILL'))).toBe(true);
    expect(() => process.kill(pid, 0)).toThrow();

    const next = await start();
    console.log(`start after the crash (recovery) ready in ${next.readyMs} ms`);
    const rows = await bodies(next.env, 'crash');
    expect(rows).toHaveLength(51);
    expect(rows.at(-1)).toBe('last before kill');
  });

  it('a wrong WordPress password: not ready, the check says access denied, no secret shown', async () => {
    const env = await mysqlTestEnv(dataDir, { WORDPRESS_DB_PASSWORD: WRONG_WP_PASSWORD });
    agent = startAgentProcess(bundle, env);
    let body = '';
    await waitUntil(
      async () => {
        const res = await agent!.get('/readyz').catch(() => undefined);
        body = res?.body ?? '';
        return res?.status === 503 && body.includes('Access denied');
      },
      READY_MS,
      'the check to report access denied',
      250,
    );
    expect(body).toContain(`Access denied for user 'fttest_wp'@'127.0.0.1' (using password: YES)`);
    expect(body).not.toContain(WRONG_WP_PASSWORD);
  });
});

describe('mysql service: a first start that was cut short', () => {
  let dataDir: string;
  let agent: AgentProcess | undefined;
  beforeAll(async () => {
    dataDir = await makeTempDir('mysql-data-cut');
  });
  afterEach(async () => {
    if (!agent) return;
    await agent.stop();
    expect(leakedSecrets(agent, [ROOT_PASSWORD, WP_PASSWORD])).toEqual([]);
    agent = undefined;
  });
  afterAll(async () => {
    if (dataDir) await removeDir(dataDir);
  });

  it('a stop while the temporary server runs leaves no server behind and the marker in place', async () => {
    const env = await mysqlTestEnv(dataDir);
    agent = startAgentProcess(bundle, env);
    await waitUntil(() => Promise.resolve(agent!.lines.some((l) => l.process === 'mariadbd-init')), 60_000, 'the temporary server to start', 10);
    const exit = await agent.stop();
    expect(exit.code).not.toBeNull();
    await waitUntil(() => Promise.resolve(processesMatching(`--defaults-file=${agent!.runDir}/my.cnf`).length === 0), 10_000, 'no mariadbd left', 100);
    expect(existsSync(path.join(dataDir, INCOMPLETE_MARKER))).toBe(true);
  });

  it('the next start begins again: the marker means nothing in the dir is anyone else’s data', async () => {
    // Also what a start killed between mariadb-install-db and the accounts leaves: files, no accounts.
    await writeFile(path.join(dataDir, INCOMPLETE_MARKER), '');
    await writeFile(path.join(dataDir, 'ibdata1'), 'half-written');
    const env = await mysqlTestEnv(dataDir);
    agent = startAgentProcess(bundle, env);
    await agent.waitReady(READY_MS);
    expect(agent.lines.some((l) => l.msg === 'a previous first start was cut short: starting it over')).toBe(true);
    const conn = await connectWordpress(env);
    await conn.query('SELECT 1');
    await conn.end();
    expect(existsSync(path.join(dataDir, INCOMPLETE_MARKER))).toBe(false);
  });
});
