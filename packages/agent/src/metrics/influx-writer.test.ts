/** InfluxWriter against a real InfluxDB 1.6 with auth on, writing as a WRITE-only user. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetricsWriteError } from '../errors.js';
import type { MetricPoint } from '../types.js';
import { InfluxWriter, type InfluxWriterOptions } from './influx-writer.js';
import { captureLog, countPoints, startMetricsInflux, writerTarget, type CapturedLog, type MetricsInflux } from '../../test/metrics-support.js';

const T0 = Date.UTC(2024, 0, 1, 12, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

describe('InfluxWriter with a real InfluxDB 1.6', () => {
  let m: MetricsInflux;
  const writers: InfluxWriter[] = [];

  function writer(overrides: Partial<InfluxWriterOptions> = {}, logs: CapturedLog = captureLog()): InfluxWriter {
    const w = new InfluxWriter({
      ...writerTarget(m),
      batchSize: 1000,
      bufferLimit: 10_000,
      maxBackoffMs: 1000,
      log: logs.log,
      ...overrides,
    });
    writers.push(w);
    return w;
  }

  beforeAll(async () => {
    m = await startMetricsInflux();
  });

  afterAll(async () => {
    await Promise.all(writers.map((w) => w.stop(100)));
    await m?.influx.destroy();
  });

  it('delivers points that read back exactly', async () => {
    const logs = captureLog();
    const w = writer({}, logs);
    w.enqueue([
      { measurement: 'roundtrip', tags: { host: 'a' }, fields: { f: 1.5, i: 42, s: 'text', b: true }, time: new Date(T0) },
      { measurement: 'roundtrip', tags: { host: 'b' }, fields: { f: -0.25, i: 0, s: '', b: false }, time: new Date(T0 + 1) },
      { measurement: 'roundtrip', fields: {}, time: new Date(T0 + 2) },
    ]);
    expect(w.stats()).toEqual({ pointsWritten: 0, pointsDropped: 0, writeFailures: 0, buffered: 2 });
    await w.flush();
    expect(w.stats()).toEqual({ pointsWritten: 2, pointsDropped: 0, writeFailures: 0, buffered: 0 });
    const res = await m.influx.query('SELECT * FROM roundtrip ORDER BY time', m.db);
    expect(res[0]?.series?.[0]?.columns).toEqual(['time', 'b', 'f', 'host', 'i', 's']);
    expect(res[0]?.series?.[0]?.values).toEqual([
      [iso(T0), true, 1.5, 'a', 42, 'text'],
      [new Date(T0 + 1).toISOString(), false, -0.25, 'b', 0, ''],
    ]);
    // Numbers were written as floats: a later fraction in the same field is accepted.
    w.enqueue([{ measurement: 'roundtrip', tags: { host: 'a' }, fields: { i: 42.5 }, time: new Date(T0 + 3) }]);
    await w.flush();
    expect(w.stats().pointsDropped).toBe(0);
    expect(logs.warnings()).toEqual([]);
    expect(logs.raw.join('')).not.toContain(m.writer.password);
  });

  it('keeps tags and strings with spaces, commas, equals signs, quotes and backslashes', async () => {
    const w = writer();
    const tags = { path: '/var/lib/my data,x=y', 'odd key, =': 'a=b c', unicode: 'ünï cødé' };
    const text = 'say "hi", a=b \\ back\\slash\nsecond line';
    w.enqueue([{ measurement: 'odd name, m=1', tags, fields: { 'odd field, =': 7, s: text }, time: new Date(T0) }]);
    await w.flush();
    const res = await m.influx.query('SELECT * FROM "odd name, m=1" GROUP BY *', m.db);
    const series = res[0]?.series?.[0];
    expect(series?.tags).toEqual(tags);
    expect(series?.columns).toEqual(['time', 'odd field, =', 's']);
    expect(series?.values).toEqual([[iso(T0), 7, text]]);
  });

  it('sends in batches of batchSize and delivers all of them', async () => {
    const w = writer({ batchSize: 7 });
    w.enqueue(Array.from({ length: 100 }, (_, i) => ({ measurement: 'batched', fields: { v: i }, time: new Date(T0 + i) })));
    await w.flush();
    expect(w.stats()).toMatchObject({ pointsWritten: 100, buffered: 0 });
    expect(await countPoints(m.influx, m.db, 'batched')).toBe(100);
  });

  it('wrong credentials: failures counted, nothing thrown, one warning per window, no password logged', async () => {
    const logs = captureLog();
    const secret = 'definitely-wrong-pw-31337';
    const w = writer({ password: secret, minBackoffMs: 5, maxBackoffMs: 40, flushIntervalMs: 20 }, logs);
    const started = Date.now();
    while (Date.now() - started < 2_000) {
      const t = performance.now();
      w.enqueue([{ measurement: 'denied', fields: { v: 1 }, time: new Date() }]);
      expect(performance.now() - t).toBeLessThan(50);
      await new Promise((r) => setTimeout(r, 20));
    }
    const s = w.stats();
    // InfluxDB checks each refused password with bcrypt (~0.1-0.2 s): a handful of answers in 2 s.
    expect(s.writeFailures).toBeGreaterThanOrEqual(5);
    expect(s.pointsWritten).toBe(0);
    expect(s.pointsDropped).toBe(0);
    expect(s.buffered).toBeGreaterThan(20);
    const warnings = logs.warnings();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ status: 401, component: 'influx-writer' });
    expect(String(warnings[0]?.['err'])).toContain('authorization failed');
    const t = performance.now();
    await w.stop(300);
    expect(performance.now() - t).toBeLessThan(1_000);
    // The final attempt failed too: one more stop line, still no password anywhere.
    expect(logs.raw.join('')).not.toContain(secret);
    expect(logs.raw.join('')).not.toContain(Buffer.from(`${m.writer.user}:${secret}`).toString('base64'));
    expect(logs.warnings().at(-1)?.msg).toMatch(/stopped with \d+ points undelivered/);
    expect(await countPoints(m.influx, m.db, 'denied')).toBe(0);
  });

  it('a user without WRITE (403) is retried, flush says why', async () => {
    await m.influx.createUser('viewer', 'viewer-pw', m.db, 'READ');
    const w = writer({ user: 'viewer', password: 'viewer-pw' });
    w.enqueue([{ measurement: 'forbidden', fields: { v: 1 }, time: new Date(T0) }]);
    const err = await w.flush().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MetricsWriteError);
    expect(err).toMatchObject({ status: 403, retryable: true, code: 'FT_ERR_METRICS_WRITE' });
    expect(w.stats()).toMatchObject({ writeFailures: 1, buffered: 1, pointsDropped: 0 });
  });

  it('a database created late (404) is retried until it exists', async () => {
    const w = writer({ db: 'late' });
    w.enqueue([{ measurement: 'late', fields: { v: 1 }, time: new Date(T0) }]);
    await expect(w.flush()).rejects.toMatchObject({ status: 404, retryable: true });
    await m.influx.createDatabase('late');
    await m.influx.query(`GRANT WRITE ON "late" TO "${m.writer.user}"`);
    await w.flush();
    expect(w.stats()).toMatchObject({ pointsWritten: 1, writeFailures: 1, buffered: 0 });
    expect(await countPoints(m.influx, 'late', 'late')).toBe(1);
  });

  it('points InfluxDB refuses (400) are dropped and counted once; the good ones of the batch are kept', async () => {
    const logs = captureLog();
    const w = writer({}, logs);
    w.enqueue([{ measurement: 'conflict', fields: { v: 1 }, time: new Date(T0) }]);
    await w.flush();
    // A string where a float already exists: InfluxDB writes the rest and reports dropped=N.
    w.enqueue([
      { measurement: 'conflict', fields: { v: 'text' }, time: new Date(T0 + 1) },
      { measurement: 'conflict', fields: { v: 2 }, time: new Date(T0 + 2) },
      { measurement: 'conflict', fields: { v: 'again' }, time: new Date(T0 + 3) },
    ]);
    await w.flush();
    expect(w.stats()).toMatchObject({ pointsWritten: 2, pointsDropped: 2, writeFailures: 0, buffered: 0 });
    w.enqueue([{ measurement: 'conflict', fields: { v: 'third' }, time: new Date(T0 + 4) }]);
    await w.flush();
    expect(w.stats().pointsDropped).toBe(3);
    expect(await countPoints(m.influx, m.db, 'conflict')).toBe(2);
    const warnings = logs.warnings();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ status: 400, dropped: 2, batch: 3 });
    expect(String(warnings[0]?.['detail'])).toMatch(/field type conflict/);
  });

  it('WriteApi sends on its own without flush() and stop() delivers the rest', async () => {
    const w = writer({ flushIntervalMs: 100 });
    w.enqueue([{ measurement: 'loop', fields: { v: 1 }, time: new Date(T0) }]);
    const deadline = Date.now() + 5_000;
    while (w.stats().pointsWritten < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(w.stats().pointsWritten).toBe(1);
    w.enqueue([{ measurement: 'loop', fields: { v: 2 }, time: new Date(T0 + 1) }]);
    await w.stop();
    expect(w.stats()).toMatchObject({ pointsWritten: 2, buffered: 0 });
    // After stop, nothing is sent; late points are counted as dropped.
    w.enqueue([{ measurement: 'loop', fields: { v: 3 }, time: new Date(T0 + 2) }]);
    await w.flush();
    expect(w.stats()).toMatchObject({ pointsWritten: 2, pointsDropped: 1 });
    expect(await countPoints(m.influx, m.db, 'loop')).toBe(2);
  });

  it('a retention policy is honoured', async () => {
    await m.influx.query(`CREATE RETENTION POLICY "short" ON "${m.db}" DURATION 1h REPLICATION 1`);
    const w = writer({ rp: 'short' });
    const now = Date.now();
    w.enqueue([{ measurement: 'rp', fields: { v: 1 }, time: new Date(now) } satisfies MetricPoint]);
    await w.flush();
    expect(await m.influx.rows('SELECT count(v) FROM "short"."rp"', m.db)).toEqual([[iso(0), 1]]);
    expect(await countPoints(m.influx, m.db, 'rp')).toBe(0);
  });
});
