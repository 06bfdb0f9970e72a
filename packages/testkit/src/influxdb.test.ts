import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInfluxdb, type InfluxdbServer } from './influxdb.js';

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

async function write(server: InfluxdbServer, db: string, auth: string | undefined, line: string): Promise<number> {
  const res = await fetch(`${server.url}/write?db=${db}&precision=ms`, {
    method: 'POST',
    headers: auth ? { authorization: auth } : {},
    body: line,
  });
  await res.arrayBuffer();
  return res.status;
}

async function query(server: InfluxdbServer, db: string, auth: string, q: string): Promise<number> {
  const res = await fetch(`${server.url}/query?db=${db}&q=${encodeURIComponent(q)}`, { headers: { authorization: auth } });
  const body = (await res.json()) as { results?: { error?: string }[] };
  // InfluxDB 1.x reports a refused SELECT as 200 with an error inside the result.
  return res.status === 200 && body.results?.[0]?.error ? 403 : res.status;
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
    await expect(fetch(`${influx.url}/ping`)).rejects.toThrow();
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
    expect(await other.query('SHOW USERS')).toEqual([
      { statement_id: 0, series: [{ columns: ['user', 'admin'], values: [['root', true]] }] },
    ]);
    await other.destroy();
    expect(existsSync(other.dataDir)).toBe(false);
  });
});
