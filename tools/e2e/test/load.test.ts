/**
 * Load: 100 concurrent clients for 30 s on nginx's https page and on WordPress's front page (wrk,
 * keep-alive connections, 10 s per-request timeout). Every request answered with 2xx/3xx, no socket
 * error or timeout, and afterwards every service still ready with its restart count unchanged.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { runWrk, waitUntil, type WrkReport } from '@ft/testkit';
import { request } from './support/clients.js';
import { activeServices, type StackStatus } from '@ft/stack';
import { ADDRESS, readStatus, statusTable } from './support/stack.js';

const { stateDir } = inject('stack');
const LOAD = { connections: 100, durationS: 30, threads: 2, timeoutS: 10 };

let before: StackStatus;

beforeAll(async () => {
  before = await waitUntil(
    async () => {
      const s = await readStatus(stateDir);
      return activeServices(s).every((x) => x.state === 'ready') ? s : undefined;
    },
    120_000,
    'every service ready before the load',
    1_000,
  );
});

function summary(name: string, r: WrkReport): string {
  const e = r.errors;
  return (
    `${name}: ${r.requests} requests in ${r.durationS.toFixed(1)} s = ${r.requestsPerS.toFixed(1)} req/s; ` +
    `latency avg ${r.latencyMs.avg.toFixed(1)} ms, p99 ${r.latencyMs.p99?.toFixed(1) ?? '?'} ms, max ${r.latencyMs.max.toFixed(1)} ms; ` +
    `errors connect ${e.connect} read ${e.read} write ${e.write} timeout ${e.timeout}; non-2xx/3xx ${e.non2xx3xx}`
  );
}

describe(`${LOAD.connections} clients for ${LOAD.durationS} s`, () => {
  it.each([
    ['nginx https', `https://${ADDRESS}/`],
    ['wordpress', `https://${ADDRESS}:5050/`],
  ])('%s (%s): every request answered, no errors', async (name, url) => {
    // wrk counts a redirect as a success: make sure the page itself is what is measured.
    const page = await request(url);
    expect(page.status, `${url} answers ${page.status} ${String(page.headers.location ?? '')}`).toBe(200);
    const report = await runWrk({ url, ...LOAD });
    console.log(summary(name, report));
    expect(report.requests).toBeGreaterThan(0);
    expect(report.errors, report.text).toEqual({ connect: 0, read: 0, write: 0, timeout: 0, non2xx3xx: 0 });

    // No restart and nothing unready because of it.
    const after = await readStatus(stateDir);
    const changed = activeServices(after).filter((s) => s.state !== 'ready' || s.restarts !== before.services.find((b) => b.name === s.name)?.restarts);
    expect(
      changed.map((s) => `${s.name}: ${s.state}, restarts ${s.restarts}`),
      statusTable(after),
    ).toEqual([]);
  });
});
