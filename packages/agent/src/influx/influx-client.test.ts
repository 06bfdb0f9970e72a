import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInfluxdb, type InfluxdbServer } from '@ft/testkit';
import { InfluxError } from '../errors.js';
import { startSilentServer } from '../../test/check-support.js';
import { InfluxClient } from './influx-client.js';

describe('InfluxClient against a real InfluxDB 1.6 (auth on)', () => {
  let influx: InfluxdbServer;
  let admin: InfluxClient;
  beforeAll(async () => {
    influx = await startInfluxdb();
    admin = new InfluxClient({ url: influx.url, user: influx.adminUser, password: influx.adminPassword });
    await admin.query('CREATE DATABASE "metrics"', { method: 'POST' });
    await admin.write('cpu,host=a v=1 1000\ncpu,host=b v=2 2000', { db: 'metrics' });
  });
  afterAll(async () => {
    admin?.close();
    await influx?.destroy();
  });

  it('ping answers without credentials', async () => {
    const anonymous = new InfluxClient({ url: influx.url });
    await expect(anonymous.ping()).resolves.toBeUndefined();
    anonymous.close();
  });

  it('query returns each statement, series and rows; epoch and tags come through', async () => {
    const results = await admin.query('SELECT v FROM cpu; SELECT count(v) FROM cpu', { db: 'metrics', epoch: 'ms' });
    expect(results).toHaveLength(2);
    expect(results[0]?.series?.[0]).toMatchObject({
      name: 'cpu',
      columns: ['time', 'v'],
      values: [
        [1000, 1],
        [2000, 2],
      ],
    });
    expect(await admin.rows('SELECT v FROM cpu GROUP BY host', { db: 'metrics', epoch: 's' })).toEqual([{ time: 1, v: 1 }]);
    expect((await admin.series('SELECT v FROM cpu GROUP BY host', { db: 'metrics' })).map((s) => s.tags)).toEqual([{ host: 'a' }, { host: 'b' }]);
  });

  it('a statement error in a 200 answer is an InfluxError naming the statement, not its text', async () => {
    const err = await admin.query('SHOW RETENTION POLICIES ON nope', { what: 'retention of nope' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InfluxError);
    expect(err).toMatchObject({ code: 'FT_ERR_INFLUX', status: 200, message: 'InfluxQL retention of nope: database not found: nope' });
  });

  it("an HTTP error carries the status and InfluxDB's own error text, never the password in the statement", async () => {
    const reader = new InfluxClient({ url: influx.url, user: influx.adminUser, password: 'wrong' });
    await expect(reader.query('SHOW DATABASES')).rejects.toMatchObject({ status: 401, message: 'InfluxQL SHOW DATABASES: 401 authorization failed' });
    reader.close();
    await admin.query("CREATE USER x WITH PASSWORD 'first-secret'", { method: 'POST' });
    const err = await admin.query("CREATE USER x WITH PASSWORD 'hunter2-secret'", { method: 'POST' }).catch((e: unknown) => e);
    // The message names the statement by its first words only.
    expect(String(err)).toMatch(/InfluxQL CREATE USER: user already exists/);
    expect(String(err)).not.toContain('hunter2-secret');
  });

  it('POST runs statements GET may not', async () => {
    await admin.query("CREATE USER y WITH PASSWORD 'y-pw'", { method: 'POST' });
    expect((await admin.rows('SHOW USERS')).map((r) => r['user'])).toContain('y');
  });

  it('a write InfluxDB refuses rejects with its reason', async () => {
    await expect(admin.write('cpu v="text" 3000', { db: 'metrics' })).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/field type conflict/),
    });
  });

  it('an abort signal ends a request to a server that never answers', async () => {
    const silent = await startSilentServer();
    const client = new InfluxClient({ url: `http://127.0.0.1:${silent.port}`, keepAlive: false });
    try {
      const started = Date.now();
      await expect(client.ping(AbortSignal.timeout(200))).rejects.toThrow(/ping: no answer/);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      client.close();
      await silent.close();
    }
  });
});
