/**
 * The influxdb collector's points reach InfluxDB (the service pushing to itself, as in the
 * cluster), and an agent whose credentials this InfluxDB refuses stays up, counts its failed
 * writes on /metrics and logs one line per warning window, not one per point.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, removeDir, sleep, waitUntil } from '@ft/testkit';
import { PASSWORDS, rows, startInfluxdbService, type InfluxdbUnderTest } from './support.js';

const FIELDS = ['client_error', 'heap_alloc', 'points_written_fail', 'points_written_ok', 'query_req', 'req', 'series', 'server_error', 'write_req'];

describe('influxdb service: metrics', () => {
  let influx: InfluxdbUnderTest;
  const others: InfluxdbUnderTest[] = [];

  beforeAll(async () => {
    // Its own agent pushes to it with the write user, as every agent of the cluster does.
    const port = await freePort();
    influx = await startInfluxdbService({
      port,
      overrides: {
        AGENT_INFLUX_URL: `http://127.0.0.1:${port}`,
        AGENT_INFLUX_USER: 'agent',
        AGENT_INFLUX_PASSWORD: PASSWORDS.write,
        AGENT_POD_NAME: 'influxdb-0',
      },
    });
  });
  afterAll(async () => {
    for (const o of others) await o.agent.stop();
    await influx?.agent.stop();
    for (const d of [influx?.dataDir, ...others.map((o) => o.dataDir)]) if (d) await removeDir(d);
  });

  it('writes `influxdb` points with the platform fields, tagged with service and pod only', async () => {
    const q = (s: string) => rows(influx.url, 'grafana', PASSWORDS.read, s, 'metrics');
    // Two rounds at least, so the counters show the collector's own traffic (the agent's writes).
    await waitUntil(async () => Number((await q('SELECT last(write_req) FROM influxdb'))[0]?.[1] ?? 0) > 0, 30_000, 'influxdb points with writes counted');
    expect((await q('SHOW FIELD KEYS FROM influxdb')).map((r) => r[0]).sort()).toEqual(FIELDS);
    expect((await q('SHOW TAG KEYS FROM influxdb')).map((r) => r[0]).sort()).toEqual(['pod', 'service']);
    const [last] = await q(
      `SELECT last(points_written_ok), last(query_req), last("series"), last(heap_alloc), last(req) FROM influxdb WHERE service = 'influxdb' AND pod = 'influxdb-0'`,
    );
    const [, pointsOk, queries, series, heap, req] = last as [string, number, number, number, number, number];
    expect(pointsOk).toBeGreaterThan(0);
    // The check's authenticated query runs every 10 s; readiness ran it too.
    expect(queries).toBeGreaterThan(0);
    expect(series).toBeGreaterThan(0);
    expect(heap).toBeGreaterThan(1_000_000);
    expect(req).toBeGreaterThan(queries);
    // `series` is an InfluxQL keyword: queries (and dashboards) must double-quote it.
    // The rest of the platform's measurements arrive too.
    const names = (await q('SHOW MEASUREMENTS')).map((r) => r[0]);
    expect(names).toEqual(expect.arrayContaining(['cpu', 'mem', 'disk', 'procstat', 'agent', 'health', 'health_check', 'influxdb']));
  });

  it('an agent with a wrong password: stays up, counts failed writes on /metrics, one log line per window', async () => {
    const wrong = 'definitely-not-the-write-password';
    // A second agent (this bundle on another data dir) pointed at the first one's InfluxDB.
    const started = Date.now();
    const other = await startInfluxdbService({
      overrides: {
        AGENT_INFLUX_URL: influx.url,
        AGENT_INFLUX_USER: 'agent',
        AGENT_INFLUX_PASSWORD: wrong,
        AGENT_METRICS_INTERVAL_MS: '500',
      },
    });
    others.push(other);
    const metric = async (name: string): Promise<number> =>
      Number(new RegExp(`^${name}\\{service="influxdb"\\} (\\d+)`, 'm').exec((await other.agent.get('/metrics')).body)?.[1]);

    await waitUntil(async () => (await metric('agent_metrics_write_failures_total')) >= 3, 30_000, 'failed writes counted');
    await sleep(Math.max(0, 12_000 - (Date.now() - started)));
    const elapsed = Date.now() - started;

    const failures = await metric('agent_metrics_write_failures_total');
    const buffered = await metric('agent_metrics_buffered_points');
    expect(await metric('agent_metrics_points_written_total')).toBe(0);
    expect(failures).toBeGreaterThanOrEqual(3);
    expect(buffered).toBeGreaterThan(200);

    const warnings = other.agent.lines.filter((l) => l.level === 'warn' && String(l.msg).startsWith('InfluxDB write failed'));
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    // One line per 10 s window, whatever the number of points and attempts.
    expect(warnings.length).toBeLessThanOrEqual(Math.ceil(elapsed / 10_000) + 1);
    expect(warnings.length).toBeLessThan(failures);
    expect(warnings[0]?.msg).toBe('InfluxDB write failed (InfluxDB answered 401: authorization failed); points stay buffered and are retried with backoff');
    expect(warnings[0]?.['target']).toBe(`${influx.url}/ db=metrics`);

    expect((await other.agent.get('/healthz')).status).toBe(200);
    expect((await other.agent.get('/readyz')).status).toBe(200);
    expect(other.agent.raw.join('\n')).not.toContain(wrong);
  });
});
