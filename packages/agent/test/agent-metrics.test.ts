/**
 * The demo agent pushing to a real InfluxDB 1.6 with authentication: what reaches the database,
 * what /metrics counts, and what happens when the credentials are refused.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startInfluxdb, waitUntil, type InfluxdbServer } from '@ft/testkit';
import { demoEnv, startAgent, type AgentHandle } from './agent-process.js';

const WRITER = { user: 'fttest_agent', password: 'agent-writer-password' };

describe('agent metrics to a real InfluxDB', () => {
  let influx: InfluxdbServer;
  const running: AgentHandle[] = [];

  beforeAll(async () => {
    influx = await startInfluxdb();
    await influx.createDatabase('metrics');
    await influx.createUser(WRITER.user, WRITER.password, 'metrics', 'WRITE');
  });
  afterEach(async () => {
    for (const a of running.splice(0)) {
      a.child.kill('SIGTERM');
      await a.exit;
    }
  });
  afterAll(async () => {
    await influx?.destroy();
  });

  async function start(overrides: Record<string, string>): Promise<AgentHandle> {
    const a = startAgent(
      await demoEnv({
        AGENT_INFLUX_URL: influx.url,
        AGENT_INFLUX_USER: WRITER.user,
        AGENT_INFLUX_PASSWORD: WRITER.password,
        AGENT_METRICS_INTERVAL_MS: '300',
        AGENT_POD_NAME: 'demo-0',
        ...overrides,
      }),
    );
    running.push(a);
    return a;
  }

  const count = async (q: string): Promise<number> => Number((await influx.rows(q, 'metrics'))[0]?.[1] ?? 0);

  it('writes every built-in measurement, tagged with service and pod, and flushes on SIGTERM', async () => {
    const a = await start({});
    await a.waitReady();
    const measurements = ['cpu', 'mem', 'disk', 'procstat', 'agent', 'health', 'health_check'];
    await waitUntil(
      async () => {
        const rows = await influx.rows('SHOW MEASUREMENTS', 'metrics');
        const names = rows.map((r) => r[0]);
        return measurements.every((m) => names.includes(m));
      },
      15_000,
      'all measurements in InfluxDB',
    );
    expect(await count(`SELECT count(usage_percent) FROM cpu WHERE service = 'demo' AND pod = 'demo-0'`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(used) FROM mem WHERE service = 'demo'`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(memory_rss) FROM procstat WHERE process = 'server'`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(memory_rss) FROM procstat WHERE process = 'worker'`)).toBeGreaterThan(0);
    await waitUntil(() => count(`SELECT count(up) FROM health_check WHERE "check" = 'server-http'`), 5_000, 'check results');
    const ready = await influx.rows(`SELECT last(ready) FROM health WHERE service = 'demo'`, 'metrics');
    expect(ready[0]?.[1]).toBe(1);

    const metrics = (await a.get('/metrics')).body;
    const written = Number(/agent_metrics_points_written_total\{service="demo"\} (\d+)/.exec(metrics)?.[1]);
    expect(written).toBeGreaterThan(0);
    expect(metrics).toMatch(/agent_metrics_write_failures_total\{service="demo"\} 0/);

    const before = await count(`SELECT count(uptime_s) FROM agent`);
    a.child.kill('SIGTERM');
    expect((await a.exit).code).toBe(0);
    // The last round collected before the stop is delivered, not lost with the process.
    expect(await count(`SELECT count(uptime_s) FROM agent`)).toBeGreaterThanOrEqual(before);
    expect(a.lines.some((l) => /undelivered/.test(l.msg))).toBe(false);
  });

  it('refused credentials: stays up and ready, counts failures on /metrics, logs rarely, never the password', async () => {
    const wrong = 'not-the-password-at-all';
    const a = await start({ AGENT_INFLUX_PASSWORD: wrong });
    await a.waitReady();
    await waitUntil(
      async () => Number(/agent_metrics_write_failures_total\{service="demo"\} (\d+)/.exec((await a.get('/metrics')).body)?.[1]) >= 2,
      20_000,
      'failed writes counted',
    );
    // 300 ms interval: many rounds of points, yet the writer's warnings stay few (one per window).
    await new Promise((r) => setTimeout(r, 3_000));
    const warnings = a.lines.filter((l) => l.level === 'warn' && /InfluxDB|metrics|write/i.test(l.msg));
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    expect(warnings.length).toBeLessThanOrEqual(3);
    expect(warnings[0]?.msg).toMatch(/401|authori[sz]ation/i);
    expect((await a.get('/healthz')).status).toBe(200);
    expect((await a.get('/readyz')).status).toBe(200);
    expect(a.raw.join('\n')).not.toContain(wrong);
    expect((await a.get('/metrics')).body).not.toContain(wrong);
    expect(await count(`SELECT count(uptime_s) FROM agent WHERE pod = 'demo-0'`)).toBeGreaterThanOrEqual(0);
  });
});
