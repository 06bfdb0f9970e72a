/** The wrk runner and report parser: on reports wrk 4.1 printed, and on wrk's own runs against servers that answer well, with errors, or not at all. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseWrk, parseWrkTime, runWrk, wrkErrorCount } from './wrk.js';

// Reports as wrk 4.1 (Debian 12) prints them.
const WITH_LATENCY = `Running 2s test @ http://127.0.0.1:18765/
  1 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    41.49ms   20.54ms   1.22s    72.68%
    Req/Sec    97.35     28.19   140.00     65.00%
  Latency Distribution
     50%  635.00us
     75%   49.88ms
     90%   72.79ms
     99%    1.02s
  195 requests in 2.01s, 16.00MB read
  Socket errors: connect 1, read 2, write 3, timeout 4
  Non-2xx or 3xx responses: 5
Requests/sec:     96.99
Transfer/sec:      7.96MB
`;

const PLAIN = `Running 1s test @ http://127.0.0.1:18765/nonexistent
  1 threads and 2 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.78ms    2.16ms  20.35ms   89.47%
    Req/Sec     1.51k   396.46     1.98k    50.00%
  1501 requests in 1.00s, 762.23KB read
Requests/sec:   1497.50
Transfer/sec:    760.45KB
`;

describe('parseWrk', () => {
  it('reads rate, count, latency distribution and every error counter', () => {
    const r = parseWrk(WITH_LATENCY);
    expect(r.requests).toBe(195);
    expect(r.durationS).toBeCloseTo(2.01);
    expect(r.requestsPerS).toBeCloseTo(96.99);
    expect(r.latencyMs.avg).toBeCloseTo(41.49);
    expect(r.latencyMs.stdev).toBeCloseTo(20.54);
    expect(r.latencyMs.max).toBeCloseTo(1220);
    expect(r.latencyMs.p50).toBeCloseTo(0.635);
    expect(r.latencyMs.p75).toBeCloseTo(49.88);
    expect(r.latencyMs.p90).toBeCloseTo(72.79);
    expect(r.latencyMs.p99).toBeCloseTo(1020);
    expect(r.errors).toEqual({ connect: 1, read: 2, write: 3, timeout: 4, non2xx3xx: 5 });
    expect(wrkErrorCount(r)).toBe(15);
    expect(r.text).toBe(WITH_LATENCY);
  });

  it('reads a report without --latency and without errors', () => {
    const r = parseWrk(PLAIN);
    expect(r.requests).toBe(1501);
    expect(r.requestsPerS).toBeCloseTo(1497.5);
    expect(r.latencyMs.p99).toBeUndefined();
    expect(r.latencyMs.avg).toBeCloseTo(1.78);
    expect(wrkErrorCount(r)).toBe(0);
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
    expect(r).toMatchObject({ requests: 823, durationS: 5.05, requestsPerS: 163.11, errors: { connect: 0, read: 3, write: 0, timeout: 7, non2xx3xx: 12 } });
    expect(r.latencyMs).toEqual({ avg: 514.05, stdev: 185.71, max: 1_330, p50: 461.54, p99: 1_270 });
  });

  it('rejects what is not a report (wrk that could not connect prints only an error)', () => {
    expect(() => parseWrk('unable to connect to 127.0.0.1:1 Connection refused\n')).toThrow(/not a wrk report/);
  });
});

describe('parseWrkTime', () => {
  it('converts every unit wrk prints to ms', () => {
    expect(parseWrkTime('250.00us')).toBeCloseTo(0.25);
    expect(parseWrkTime('5.80ms')).toBeCloseTo(5.8);
    expect(parseWrkTime('1.50s')).toBe(1_500);
    expect(parseWrkTime('2.00m')).toBe(120_000);
    expect(() => parseWrkTime('12 ms')).toThrow();
    expect(() => parseWrkTime('12 parsecs')).toThrow();
  });
});

describe('runWrk', () => {
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

  it('reads a clean run: requests, rate, latency, no errors', async () => {
    const report = await runWrk({ url: await serve((_req, res) => res.end('ok')), ...quick });
    expect(report.requests).toBeGreaterThan(10);
    expect(report.durationS).toBeGreaterThan(0.9);
    expect(report.requestsPerS).toBeGreaterThan(10);
    expect(report.latencyMs.avg).toBeGreaterThan(0);
    expect(report.latencyMs.max).toBeGreaterThanOrEqual(report.latencyMs.avg);
    expect(report.latencyMs.p99).toBeDefined();
    expect(report.errors).toEqual({ connect: 0, read: 0, write: 0, timeout: 0, non2xx3xx: 0 });
  });

  it('sends the extra headers', async () => {
    const seen = new Set<string>();
    await runWrk({
      url: await serve((req, res) => {
        seen.add(String(req.headers['x-probe']));
        res.end('ok');
      }),
      ...quick,
      headers: ['X-Probe: one'],
    });
    expect([...seen]).toEqual(['one']);
  });

  it('counts answers that are not 2xx or 3xx', async () => {
    let n = 0;
    const report = await runWrk({
      url: await serve((_req, res) => {
        res.statusCode = n++ % 2 === 0 ? 502 : 200;
        res.end('x');
      }),
      ...quick,
    });
    expect(report.errors.non2xx3xx).toBeGreaterThan(0);
    expect(report.errors.non2xx3xx).toBeLessThan(report.requests);
  });

  it('counts connections the server drops and requests that time out', async () => {
    let n = 0;
    const report = await runWrk({
      url: await serve((req, res) => {
        // One in three dropped, one in three answered after wrk's timeout (wrk counts a timeout
        // when the late answer comes, not for one that never does).
        const k = n++ % 3;
        if (k === 0) req.socket.destroy();
        else if (k === 1) res.end('ok');
        else setTimeout(() => res.end('late'), 1_500);
      }),
      // wrk looks for timed-out requests every couple of seconds: give it the time to see some.
      ...quick,
      durationS: 4,
      timeoutS: 1,
    });
    expect(report.errors.read + report.errors.connect + report.errors.write).toBeGreaterThan(0);
    expect(report.errors.timeout).toBeGreaterThan(0);
  });

  it('rejects, with wrk own words, when nothing listens', async () => {
    const url = await serve((_req, res) => res.end('ok'));
    const server = servers.pop() as http.Server;
    await new Promise((resolve) => server.close(resolve));
    await expect(runWrk({ url, ...quick })).rejects.toThrow(/^wrk .* exited \S+: .*(unable to connect|Connection refused)/s);
  });
});
