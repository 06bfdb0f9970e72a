import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Point } from '@influxdata/influxdb-client';
import { freePort, startInfluxdb, type InfluxdbServer } from '@ft/testkit';
import { startFakeServer, type FakeServer } from '../../test/metrics-support.js';
import { InfluxClient } from './influx-client.js';
import { v1Bucket, v1WritePath } from './v1-transport.js';

describe("v1WritePath: the library's v2 write request as InfluxDB 1.x's /write", () => {
  it('maps bucket db/rp, drops the org, renames the precision', () => {
    expect(v1WritePath('/api/v2/write?org=&bucket=metrics%2Fweek&precision=ms')).toBe('/write?db=metrics&rp=week&precision=ms');
    expect(v1WritePath('/api/v2/write?org=x&bucket=metrics&precision=ns')).toBe('/write?db=metrics&precision=n');
    expect(v1WritePath('/api/v2/write?org=x&bucket=metrics&precision=us')).toBe('/write?db=metrics&precision=u');
    expect(v1WritePath('/api/v2/write?org=x&bucket=m&precision=s&consistency=all')).toBe('/write?db=m&precision=s&consistency=all');
  });

  it('keeps odd names intact through the encoding', () => {
    expect(v1WritePath(`/api/v2/write?org=&bucket=${encodeURIComponent(v1Bucket('my db&x', 'rp=1'))}&precision=ms`)).toBe(
      '/write?db=my+db%26x&rp=rp%3D1&precision=ms',
    );
  });

  it('leaves every other path alone', () => {
    expect(v1WritePath('/query?q=SHOW+DATABASES')).toBeUndefined();
    expect(v1WritePath('/ping')).toBeUndefined();
    expect(v1WritePath('/api/v2/writes')).toBeUndefined();
  });
});

describe('the transport on the wire (a recording server)', () => {
  let fake: FakeServer | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it('a WriteApi batch arrives as POST /write with basic auth, gzip past the threshold, no token', async () => {
    fake = await startFakeServer(() => [204, '']);
    const client = new InfluxClient({ url: `${fake.url}/prefix/`, user: 'agent', password: 'pw:with:colons' });
    const api = client.writeApi({ db: 'metrics', rp: 'week' }, { batchSize: 100, flushInterval: 0, gzipThreshold: 10 });
    api.writePoints([new Point('m').floatField('v', 1).timestamp(new Date(1000)), new Point('m').floatField('v', 2).timestamp(new Date(2000))]);
    await api.close();
    client.close();
    expect(fake.requests).toHaveLength(1);
    const [req] = fake.requests;
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe('/prefix/write?db=metrics&rp=week&precision=ms');
    expect(req?.headers['authorization']).toBe(`Basic ${Buffer.from('agent:pw:with:colons').toString('base64')}`);
    expect(req?.headers['content-encoding']).toBe('gzip');
    expect(req?.body).toBe('m v=1 1000\nm v=2 2000');
  });

  it('credentials in the URL become the header and never appear in the target', async () => {
    fake = await startFakeServer(() => [204, '']);
    const port = new URL(fake.url).port;
    const client = new InfluxClient({ url: `http://u%40x:s3cret@127.0.0.1:${port}` });
    await client.ping();
    client.close();
    expect(client.target).toBe(`http://127.0.0.1:${port}`);
    expect(fake.requests[0]?.headers['authorization']).toBe(`Basic ${Buffer.from('u@x:s3cret').toString('base64')}`);
  });

  it('refuses a URL that is not http(s)', () => {
    expect(() => new InfluxClient({ url: 'ftp://127.0.0.1:8086' })).toThrow(/http or https/);
  });
});

describe('the transport against a real InfluxDB 1.6 (auth on)', () => {
  let influx: InfluxdbServer;
  let admin: InfluxClient;
  beforeAll(async () => {
    influx = await startInfluxdb();
    admin = new InfluxClient({ url: influx.url, user: influx.adminUser, password: influx.adminPassword });
    await influx.createDatabase('metrics');
    await influx.createUser('writer', 'writer-pw', 'metrics', 'WRITE');
    await admin.query('CREATE RETENTION POLICY "week" ON "metrics" DURATION 7d REPLICATION 1', { method: 'POST' });
  });
  afterAll(async () => {
    admin?.close();
    await influx?.destroy();
  });

  it('the library writes through /write into the named retention policy', async () => {
    const client = new InfluxClient({ url: influx.url, user: 'writer', password: 'writer-pw' });
    const api = client.writeApi({ db: 'metrics', rp: 'week' }, { flushInterval: 0 });
    const now = Date.now();
    api.writePoint(new Point('viarp').floatField('v', 1).timestamp(new Date(now)));
    await api.close();
    client.close();
    expect(await admin.rows('SELECT count(v) FROM "week"."viarp"', { db: 'metrics' })).toEqual([{ time: '1970-01-01T00:00:00Z', count: 1 }]);
    expect(await admin.rows('SELECT count(v) FROM "viarp"', { db: 'metrics' })).toEqual([]);
  });

  it('1.x\'s "not set up yet" answers (401, 404) reach the library as retryable, then the write lands', async () => {
    const client = new InfluxClient({ url: influx.url, user: 'late-user', password: 'late-pw' });
    const failures: { status: unknown; retryable: unknown }[] = [];
    let written = 0;
    const api = client.writeApi(
      { db: 'latedb' },
      {
        flushInterval: 0,
        minRetryDelay: 50,
        maxRetryDelay: 200,
        retryJitter: 10,
        maxRetries: 100,
        writeFailed(error) {
          failures.push({ status: (error as { status?: unknown }).status, retryable: (error as { retryable?: unknown }).retryable });
        },
        writeSuccess(lines) {
          written += lines.length;
        },
      },
    );
    api.writePoint(new Point('late').floatField('v', 1).timestamp(new Date()));
    await expect(api.flush()).rejects.toThrow(/401/);
    await admin.query(`CREATE USER "late-user" WITH PASSWORD 'late-pw'`, { method: 'POST' });
    const until = async (ok: () => boolean) => {
      const end = Date.now() + 5_000;
      while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    };
    await until(() => failures.some((f) => f.status === 404));
    await admin.query('CREATE DATABASE "latedb"', { method: 'POST' });
    await admin.query('GRANT WRITE ON "latedb" TO "late-user"', { method: 'POST' });
    await until(() => written === 1);
    await api.close();
    client.close();
    expect(written).toBe(1);
    expect(failures[0]).toEqual({ status: 401, retryable: true });
    expect(failures.some((f) => f.status === 404 && f.retryable === true)).toBe(true);
    expect(await admin.rows('SELECT count(v) FROM "late"', { db: 'latedb' })).toHaveLength(1);
  });

  it('no answer at all is an error naming the target, not a hang', async () => {
    const port = await freePort();
    const client = new InfluxClient({ url: `http://127.0.0.1:${port}`, user: 'x', password: 'never-shown' });
    await expect(client.ping()).rejects.toThrow(new RegExp(`ping: no answer from http://127.0.0.1:${port}: .*ECONNREFUSED`));
    await expect(client.ping()).rejects.not.toThrow(/never-shown/);
    client.close();
  });
});
