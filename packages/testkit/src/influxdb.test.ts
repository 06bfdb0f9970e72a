import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InfluxError } from '@ft/agent';
import { InfluxClient } from '@ft/agent/influx';
import { startInfluxdb, type InfluxdbServer } from './influxdb.js';

type Login = { user: string; password: string } | undefined;
const basic = (user: string, password: string): Login => ({ user, password });

/** The status InfluxDB answered: 204, or the InfluxError's. */
async function status(login: Login, server: InfluxdbServer, run: (c: InfluxClient) => Promise<unknown>): Promise<number> {
  const client = new InfluxClient({ url: server.url, ...login, keepAlive: false });
  try {
    await run(client);
    return 204;
  } catch (err) {
    if (err instanceof InfluxError && err.status !== undefined) return err.status;
    throw err;
  } finally {
    client.close();
  }
}

const write = (server: InfluxdbServer, db: string, login: Login, line: string): Promise<number> => status(login, server, (c) => c.write(line, { db }));

/** 200 for a SELECT that ran; InfluxDB 1.x reports a refused one as 200 with an error inside, read here as 403. */
async function query(server: InfluxdbServer, db: string, login: Login, q: string): Promise<number> {
  const s = await status(login, server, (c) => c.query(q, { db }));
  return s === 204 ? 200 : s === 200 ? 403 : s;
}

describe('startInfluxdb', () => {
  let influx: InfluxdbServer;

  beforeAll(async () => {
    influx = await startInfluxdb();
    await influx.createDatabase('t');
    await influx.createUser('writer', 'w-pass', 't', 'WRITE');
    await influx.createUser('reader', 'r-pass', 't', 'READ');
  });

  afterAll(async () => {
    await influx?.destroy();
  });

  it('serves on loopback with auth on', async () => {
    expect(influx.url).toBe(`http://127.0.0.1:${influx.port}`);
    expect(await write(influx, 't', undefined, 'm v=1')).toBe(401);
    expect(await write(influx, 't', basic('admin', 'wrong'), 'm v=1')).toBe(401);
  });

  it('gives the WRITE user writes only and the READ user reads only', async () => {
    expect(await write(influx, 't', basic('writer', 'w-pass'), 'm v=1 1700000000000')).toBe(204);
    expect(await write(influx, 't', basic('reader', 'r-pass'), 'm v=2 1700000000001')).toBe(403);
    expect(await query(influx, 't', basic('reader', 'r-pass'), 'SELECT * FROM m')).toBe(200);
    expect(await query(influx, 't', basic('writer', 'w-pass'), 'SELECT * FROM m')).toBe(403);
    expect(await influx.rows('SELECT v FROM m', 't')).toEqual([['2023-11-14T22:13:20Z', 1]]);
  });

  it('rejects a failing statement', async () => {
    await expect(influx.query('SELECT * FROM nowhere..m')).rejects.toThrow(/InfluxQL/);
  });

  it('survives a crash and starts again on the same port with the same data', async () => {
    const port = influx.port;
    await influx.crash();
    expect(influx.running).toBe(false);
    await expect(status(undefined, influx, (c) => c.ping())).rejects.toThrow(/no answer/);
    await influx.start();
    expect(influx.port).toBe(port);
    expect(await influx.rows('SELECT count(v) FROM m', 't')).toEqual([['1970-01-01T00:00:00Z', 1]]);
    // Users live in the meta store, so credentials still work after the restart.
    expect(await write(influx, 't', basic('writer', 'w-pass'), 'm v=3 1700000000002')).toBe(204);
  });

  it('stops gracefully and starts again', async () => {
    await influx.stop();
    expect(influx.running).toBe(false);
    await influx.start();
    expect(await influx.rows('SELECT count(v) FROM m', 't')).toEqual([['1970-01-01T00:00:00Z', 2]]);
  });

  it('removes its temp dir on destroy', async () => {
    const other = await startInfluxdb({ adminUser: 'root', adminPassword: 'p w\'"' });
    expect(existsSync(`${other.dataDir}/influxdb.conf`)).toBe(true);
    expect(await other.query('SHOW USERS')).toEqual([{ statement_id: 0, series: [{ columns: ['user', 'admin'], values: [['root', true]] }] }]);
    await other.destroy();
    expect(existsSync(other.dataDir)).toBe(false);
  });
});
