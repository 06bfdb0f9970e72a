/**
 * InfluxWriter against small stand-in servers: what goes on the wire, and behaviour a real
 * InfluxDB will not show on demand (never answering, 5xx).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.js';
import { InfluxWriter, type InfluxWriterOptions } from './influx-writer.js';
import { captureLog, startFakeServer, type FakeServer } from '../../test/metrics-support.js';

const servers: FakeServer[] = [];
const writers: InfluxWriter[] = [];

afterEach(async () => {
  await Promise.all(writers.splice(0).map((w) => w.stop(100)));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function fake(answer: Parameters<typeof startFakeServer>[0]): Promise<FakeServer> {
  const s = await startFakeServer(answer);
  servers.push(s);
  return s;
}

function writer(options: Partial<InfluxWriterOptions> & { url: string }): InfluxWriter {
  const w = new InfluxWriter({ db: 'metrics', batchSize: 100, bufferLimit: 10_000, maxBackoffMs: 1_000, log: silentLogger(), ...options });
  writers.push(w);
  return w;
}

const point = (v: number) => ({ measurement: 'm', fields: { v }, time: new Date(1_700_000_000_000 + v) });

describe('InfluxWriter on the wire', () => {
  it('POSTs line protocol to /write with db, rp, ms precision and basic auth, in batches, gzip past 1 KB', async () => {
    const s = await fake(() => [204, '']);
    const w = writer({ url: `${s.url}/prefix`, rp: 'week', user: 'agent', password: 'pw', batchSize: 60 });
    w.enqueue(Array.from({ length: 150 }, (_, i) => point(i)));
    await w.flush();
    expect(s.requests).toHaveLength(3);
    const [first] = s.requests;
    expect(first?.method).toBe('POST');
    expect(first?.url).toBe('/prefix/write?db=metrics&rp=week&precision=ms');
    expect(first?.headers['authorization']).toBe(`Basic ${Buffer.from('agent:pw').toString('base64')}`);
    // In order within a batch; the batches themselves may arrive in any order.
    const batches = s.requests.map((r) => r.body.split('\n')).sort((a, b) => a.length - b.length);
    expect(batches.map((b) => b.length)).toEqual([30, 60, 60]);
    expect(batches[0]?.[0]).toBe('m v=120 1700000000120');
    expect(batches.flat().sort()).toEqual(Array.from({ length: 150 }, (_, i) => `m v=${i} ${1_700_000_000_000 + i}`).sort());
    // 60 lines are over 1 KB and go gzip'd; 30 are not worth it.
    expect(s.requests.map((r) => [r.body.split('\n').length, r.headers['content-encoding']]).sort()).toEqual([
      [30, undefined],
      [60, 'gzip'],
      [60, 'gzip'],
    ]);
    expect(w.stats()).toEqual({ pointsWritten: 150, pointsDropped: 0, writeFailures: 0, buffered: 0 });
    // Keep-alive: every batch rode the same connection.
    expect(new Set(s.requests.map((r) => r.headers['connection']))).toEqual(new Set(['keep-alive']));
  });

  it('takes credentials from the URL but never puts them in the query string or the log', async () => {
    const logs = captureLog();
    const s = await fake(() => [500, '{"error":"boom"}']);
    const w = writer({ url: s.url.replace('http://', 'http://agent:url%20secret@'), log: logs.log });
    w.enqueue([point(1)]);
    await expect(w.flush()).rejects.toMatchObject({ status: 500, retryable: true });
    expect(s.requests[0]?.headers['authorization']).toBe(`Basic ${Buffer.from('agent:url secret').toString('base64')}`);
    expect(s.requests[0]?.url).not.toMatch(/secret|agent/);
    expect(logs.warnings()).toHaveLength(1);
    expect(logs.warnings()[0]?.['err']).toMatch(/InfluxDB answered 500: boom/);
    expect(logs.raw.join('')).not.toMatch(/secret/);
  });

  it('retries 5xx with backoff and delivers once the server recovers; logs one warning and one recovery', async () => {
    let healthy = false;
    const s = await fake(() => (healthy ? [204, ''] : [503, '{"error":"busy"}']));
    const logs = captureLog();
    const w = writer({ url: s.url, minBackoffMs: 10, maxBackoffMs: 80, flushIntervalMs: 10, log: logs.log });
    w.enqueue([point(1), point(2)]);
    const deadline = Date.now() + 5_000;
    while (w.stats().writeFailures < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    healthy = true;
    while (w.stats().pointsWritten < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(w.stats()).toMatchObject({ pointsWritten: 2, pointsDropped: 0, buffered: 0 });
    expect(w.stats().writeFailures).toBeGreaterThanOrEqual(5);
    expect(logs.warnings()).toHaveLength(1);
    expect(logs.lines.filter((l) => l.msg === 'InfluxDB writes recovered')).toHaveLength(1);
    // Each retry re-sent the same two lines, oldest first.
    expect(new Set(s.requests.map((r) => r.body))).toEqual(new Set(['m v=1 1700000000001\nm v=2 1700000000002']));
  });

  it('a server that never answers blocks neither enqueue nor stop()', async () => {
    const s = await fake(() => undefined);
    const w = writer({ url: s.url, fetchTimeoutMs: 60_000, flushIntervalMs: 10, stopTimeoutMs: 500 });
    const started = performance.now();
    for (let i = 0; i < 20_000; i++) w.enqueue([point(i)]);
    const enqueueMs = performance.now() - started;
    expect(enqueueMs).toBeLessThan(2_000);
    // The one connection is now stuck in a request that will not end for a minute.
    const until = Date.now() + 3_000;
    while (s.requests.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(s.requests.length).toBe(1);
    const t = performance.now();
    await w.stop();
    const stopMs = performance.now() - t;
    expect(stopMs).toBeGreaterThanOrEqual(400);
    expect(stopMs).toBeLessThan(1_500);
    // Nothing was answered, so nothing was retried yet: every point is lost at stop, and counted.
    expect(w.stats()).toEqual({ pointsWritten: 0, pointsDropped: 20_000, writeFailures: 0, buffered: 0 });
  });

  it('past the buffer bound the oldest points go, counted; the rest arrive once the server is back', async () => {
    let healthy = false;
    const s = await fake(() => (healthy ? [204, ''] : [503, '{"error":"busy"}']));
    const logs = captureLog();
    const w = writer({ url: s.url, bufferLimit: 100, batchSize: 10, minBackoffMs: 50, maxBackoffMs: 100, log: logs.log });
    for (let i = 0; i < 250; i += 10) {
      w.enqueue(Array.from({ length: 10 }, (_, k) => point(i + k)));
      await new Promise((r) => setTimeout(r, 5));
    }
    const deadline = Date.now() + 5_000;
    // Held at most: the bound plus one batch on its way. WriteApi trims to 70 % when it overflows.
    while (w.stats().buffered > 110 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const dropped = w.stats().pointsDropped;
    expect(dropped).toBeGreaterThanOrEqual(140);
    healthy = true;
    while (w.stats().pointsWritten + w.stats().pointsDropped < 250 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(w.stats()).toMatchObject({ pointsWritten: 250 - dropped, pointsDropped: dropped, buffered: 0 });
    const delivered = s.requests.slice(-1)[0]?.body ?? '';
    expect(s.requests.some((r) => r.body.includes('m v=249 '))).toBe(true);
    expect(delivered).not.toBe('');
    expect(logs.warnings().filter((l) => l.msg === 'metrics buffer full; the oldest points are dropped')).toHaveLength(1);
  });

  it('a request with no answer times out, the batch stays buffered', async () => {
    const s = await fake(() => undefined);
    const w = writer({ url: s.url, fetchTimeoutMs: 300 });
    w.enqueue([point(1)]);
    const t = performance.now();
    await expect(w.flush()).rejects.toThrow(/no complete answer within 300 ms/);
    expect(performance.now() - t).toBeLessThan(1_000);
    expect(w.stats()).toMatchObject({ buffered: 1, writeFailures: 1 });
  });

  it('a refused connection is a retryable failure', async () => {
    const s = await fake(() => [204, '']);
    const url = s.url;
    await s.close();
    servers.splice(servers.indexOf(s), 1);
    const w = writer({ url });
    w.enqueue([point(1)]);
    await expect(w.flush()).rejects.toThrow(/ECONNREFUSED/);
    expect(w.stats()).toMatchObject({ buffered: 1, writeFailures: 1 });
  });

  it('never throws from enqueue, even for odd input', () => {
    const w = writer({ url: 'http://127.0.0.1:9' });
    const odd = [{ measurement: 'm', fields: { v: Symbol('x') as unknown as number } }, null as unknown as typeof point];
    expect(() => w.enqueue(odd as never)).not.toThrow();
  });
});
