/** The wrk report parser on wrk's own output against servers that answer well, with errors, or not at all. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { durationMs, parseWrk, runWrk } from './wrk.js';

const servers: http.Server[] = [];

async function serve(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const quick = { connections: 4, durationS: 1, threads: 1, timeoutS: 2 };

describe('parseWrk', () => {
  it('reads durations in every unit wrk prints', () => {
    expect(durationMs('850.00us')).toBeCloseTo(0.85);
    expect(durationMs('12.34ms')).toBeCloseTo(12.34);
    expect(durationMs('1.50s')).toBe(1_500);
    expect(durationMs('2.00m')).toBe(120_000);
    expect(() => durationMs('12 ms')).toThrow();
  });

  it('reads a clean run: requests, rate, latency, no errors', async () => {
    const report = await runWrk(await serve((_req, res) => res.end('ok')), quick);
    expect(report.requests).toBeGreaterThan(10);
    expect(report.durationS).toBeGreaterThan(0.9);
    expect(report.requestsPerSec).toBeGreaterThan(10);
    expect(report.latency.avgMs).toBeGreaterThan(0);
    expect(report.latency.maxMs).toBeGreaterThanOrEqual(report.latency.avgMs);
    expect(report.latency.p99Ms).toBeDefined();
    expect(report.errors).toEqual({ connect: 0, read: 0, write: 0, timeout: 0 });
    expect(report.non2xx3xx).toBe(0);
  });

  it('counts answers that are not 2xx or 3xx', async () => {
    let n = 0;
    const report = await runWrk(
      await serve((_req, res) => {
        res.statusCode = n++ % 2 === 0 ? 502 : 200;
        res.end('x');
      }),
      quick,
    );
    expect(report.non2xx3xx).toBeGreaterThan(0);
    expect(report.non2xx3xx).toBeLessThan(report.requests);
  });

  it('counts connections the server drops and requests that time out', async () => {
    let n = 0;
    const report = await runWrk(
      await serve((req, res) => {
        // One in three dropped, one in three answered after wrk's timeout (wrk counts a timeout
        // when the late answer comes, not for one that never does).
        const k = n++ % 3;
        if (k === 0) req.socket.destroy();
        else if (k === 1) res.end('ok');
        else setTimeout(() => res.end('late'), 1_500);
      }),
      // wrk looks for timed-out requests every couple of seconds: give it the time to see some.
      { ...quick, durationS: 4, timeoutS: 1 },
    );
    expect(report.errors.read + report.errors.connect + report.errors.write).toBeGreaterThan(0);
    expect(report.errors.timeout).toBeGreaterThan(0);
  });

  it('reads a report with seconds, a trailing blank and the error lines (wrk 4.1 against WordPress)', () => {
    const text = [
      'Running 5s test @ https://127.0.0.2:5050/',
      '  2 threads and 100 connections',
      '  Thread Stats   Avg      Stdev     Max   +/- Stdev',
      '    Latency   514.05ms  185.71ms   1.33s    87.76%',
      '    Req/Sec    83.51     41.77   170.00     56.12%',
      '  Latency Distribution',
      '     50%  461.54ms',
      '     99%    1.27s ',
      '  823 requests in 5.05s, 196.11KB read',
      '  Socket errors: connect 0, read 3, write 0, timeout 7',
      '  Non-2xx or 3xx responses: 12',
      'Requests/sec:    163.11',
      'Transfer/sec:     38.87KB',
    ].join('\n');
    const r = parseWrk(text);
    expect(r).toMatchObject({ requests: 823, durationS: 5.05, requestsPerSec: 163.11, non2xx3xx: 12, errors: { connect: 0, read: 3, write: 0, timeout: 7 } });
    expect(r.latency).toEqual({ avgMs: 514.05, stdevMs: 185.71, maxMs: 1_330, p99Ms: 1_270 });
  });

  it('refuses a report it does not recognise', () => {
    expect(() => parseWrk('unable to connect to 127.0.0.1:1 Connection refused')).toThrow(/wrk report without/);
  });
});
