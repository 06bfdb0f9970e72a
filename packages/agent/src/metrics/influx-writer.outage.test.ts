/**
 * InfluxDB down for 30 s while points keep coming: nothing blocks, the log stays quiet, and every
 * point enqueued during the outage is in InfluxDB once it is back (the outage stays within the
 * buffer bound: 150 points against 5 000; the overflow is the fake-server test's).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InfluxWriter } from './influx-writer.js';
import { captureLog, countPoints, startMetricsInflux, writerTarget, type MetricsInflux } from '../../test/metrics-support.js';

const OUTAGE_MS = 30_000;
const EVERY_MS = 200;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('InfluxDB down for 30 s', () => {
  let m: MetricsInflux;
  beforeAll(async () => {
    m = await startMetricsInflux();
  });
  afterAll(async () => {
    await m?.influx.destroy();
  });

  it('delivers every point enqueued while it was down', { timeout: 120_000 }, async () => {
    const logs = captureLog();
    const w = new InfluxWriter({
      ...writerTarget(m),
      batchSize: 50,
      bufferLimit: 5_000,
      maxBackoffMs: 2_000,
      minBackoffMs: 100,
      fetchTimeoutMs: 2_000,
      flushIntervalMs: 200,
      log: logs.log,
    });
    let seq = 0;
    let slowestEnqueueMs = 0;
    const produce = async (phase: string, forMs: number): Promise<number> => {
      let n = 0;
      const end = Date.now() + forMs;
      while (Date.now() < end) {
        const t = performance.now();
        w.enqueue([{ measurement: 'outage', tags: { phase }, fields: { v: seq++ } }]);
        slowestEnqueueMs = Math.max(slowestEnqueueMs, performance.now() - t);
        n++;
        await sleep(EVERY_MS);
      }
      return n;
    };

    const before = await produce('before', 2_000);
    await m.influx.crash();
    const downAt = Date.now();
    const during = await produce('down', OUTAGE_MS);
    const outageMs = Date.now() - downAt;
    const failuresWhileDown = w.stats().writeFailures;
    const warningsWhileDown = logs.warnings().length;
    await m.influx.start();
    // Back within about one backoff ceiling: the backlog goes out as soon as a retry lands.
    const upAt = Date.now();
    while (w.stats().pointsWritten < before + during && Date.now() - upAt < 20_000) await sleep(50);
    const catchUpMs = Date.now() - upAt;
    const after = await produce('after', 2_000);

    const deadline = Date.now() + 20_000;
    while (w.stats().pointsWritten < before + during + after && Date.now() < deadline) await sleep(100);
    const stats = w.stats();
    await w.stop();

    expect(outageMs).toBeGreaterThanOrEqual(OUTAGE_MS);
    expect(during).toBeGreaterThanOrEqual(100);
    expect(stats).toMatchObject({ pointsWritten: before + during + after, pointsDropped: 0, buffered: 0 });
    expect(stats.writeFailures).toBeGreaterThanOrEqual(failuresWhileDown);
    const counted = async (phase: string) => Number((await m.influx.rows(`SELECT count(v) FROM outage WHERE phase = '${phase}'`, m.db))[0]?.[1] ?? 0);
    expect(await counted('before')).toBe(before);
    expect(await counted('down')).toBe(during);
    expect(await counted('after')).toBe(after);
    expect(await countPoints(m.influx, m.db, 'outage')).toBe(seq);
    // Retried all along, but at most one warning per 10 s window: 30 s down -> 3 or 4 lines.
    expect(failuresWhileDown).toBeGreaterThanOrEqual(10);
    expect(warningsWhileDown).toBeGreaterThanOrEqual(3);
    expect(warningsWhileDown).toBeLessThanOrEqual(4);
    expect(logs.lines.filter((l) => l.msg === 'InfluxDB writes recovered')).toHaveLength(1);
    expect(slowestEnqueueMs).toBeLessThan(50);
    expect(catchUpMs).toBeLessThan(6_000);
  });
});
