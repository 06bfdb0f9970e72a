/**
 * Every panel query of every dashboard, with Grafana's macros filled in as Grafana 12 fills them,
 * must return data from a real InfluxDB (Debian's 1.6) that the real collectors of each service
 * have written to. A panel whose query finds nothing, or a field of a query that finds nothing,
 * fails. Each service's agent is started from its bundle when the bundle exists (see
 * support/service-agents.ts); a service without one is reported as skipped, never as passed.
 */
import { allDashboards, allValues, fillMacros, measurementsOf, panelQueries, serviceDashboard, type FtDashboard } from '@ft/dashboards';
import { MEASUREMENT_NAMES, writtenProblems } from '@ft/platform';
import { readWrittenMeasurements, waitUntil, type AgentProcess } from '@ft/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB, WRITER, emptyColumns, startMetricsStore, type MetricsStore } from './support/metrics-store.js';
import { SERVICE_AGENTS, available, podOf, startServiceAgent, type ServiceAgent } from './support/service-agents.js';

/** $__interval as Grafana would pick it for a short range here (the agents write every second). */
const INTERVAL_MS = 2_000;
const POINTS_WANTED = 6;

const dashboards = new Map(allDashboards().map((d) => [d.uid, d]));
/** The demo service has no figures of its own: its dashboard is the container sections alone. */
const dashboardFor = (service: string): FtDashboard => dashboards.get(`ft-${service}`) ?? serviceDashboard(service, []);

const present = SERVICE_AGENTS.filter(available);
const missing = SERVICE_AGENTS.filter((a) => !available(a));

describe('dashboards against data written by the real collectors', () => {
  // Every service exists now: a dashboard that cannot be proven is a failure, not a skip.
  it('has every service agent bundle built', () => {
    expect(missing.map((e) => `${e.service}: no bundle at ${e.bundle}`)).toEqual([]);
  });

  let store: MetricsStore;
  let fromMs = 0;
  const agents = new Map<string, AgentProcess>();
  const waitProblems = new Map<string, string>();

  beforeAll(async () => {
    store = await startMetricsStore();
    fromMs = Date.now() - 60_000;
    for (const entry of present) agents.set(entry.service, await startServiceAgent(entry, store));
    await Promise.all(present.map((entry) => waitForData(entry)));
  }, 420_000);

  afterAll(async () => {
    await Promise.all([...agents.values()].map((a) => a.stop()));
    await store?.destroy();
    const lines = [
      ...present.map((e) => `  ${e.service}: ${e.source}${waitProblems.has(e.service) ? ` -- ${waitProblems.get(e.service)}` : ''}`),
      ...missing.map((e) => `  ${e.service}: NOT PROVEN, no bundle at ${e.bundle}`),
    ];
    process.stdout.write(`\ndashboard data test, agents:\n${lines.join('\n')}\n`);
  }, 120_000);

  /** Until every measurement the dashboard reads has a few points from this service. */
  async function waitForData(entry: ServiceAgent): Promise<void> {
    const agent = agents.get(entry.service) as AgentProcess;
    const wanted = measurementsOf(dashboardFor(entry.service));
    let lacking: string[] = wanted;
    try {
      await waitUntil(
        async () => {
          // An agent that died stops the wait at once: its panels fail below, with its last words here.
          if (agent.child.exitCode !== null) return true;
          const counts = await Promise.all(
            wanted.map(async (m) => {
              const rows = await store.influx.rows(`SELECT count(*) FROM "${m}" WHERE "service" = '${entry.service}'`, 'metrics');
              const row = rows[0] ?? [];
              return Math.max(0, ...row.slice(1).map(Number).filter(Number.isFinite));
            }),
          );
          lacking = wanted.filter((_, i) => (counts[i] ?? 0) < POINTS_WANTED);
          return lacking.length === 0;
        },
        240_000,
        `data of ${entry.service}`,
        1_000,
      );
      if (agent.child.exitCode !== null) {
        const last = agent.lines.filter((l) => l.level === 'fatal' || l.level === 'error').map((l) => l.msg);
        throw new Error(`agent exited ${agent.child.exitCode}: ${(last.length ? last : agent.raw.slice(-3)).join(' | ')}`);
      }
    } catch (err) {
      // The panel tests say which panels are empty; keep why the wait gave up for the summary.
      waitProblems.set(entry.service, `${String(err).split('\n')[0]}; lacking: ${lacking.join(', ')}`);
    }
  }

  async function expectData(query: string): Promise<void> {
    const result = await store.query(query);
    expect(emptyColumns(result), `no data for: ${query}`).toEqual([]);
  }

  const ctx = (pod: readonly string[]) => ({ fromMs, toMs: Date.now(), intervalMs: INTERVAL_MS, variables: { pod } });

  for (const entry of SERVICE_AGENTS) {
    const d = dashboardFor(entry.service);
    describe.skipIf(!available(entry))(`${d.uid === `ft-${entry.service}` ? d.uid : `${entry.service} (container sections)`} with ${entry.source}`, () => {
      it("the $pod variable lists the service's pod", async () => {
        const variable = d.templating.list.find((v) => v.name === 'pod');
        const result = await store.query(fillMacros(typeof variable?.query === 'string' ? variable.query : '', ctx([])));
        const pods = result.series.flatMap((s) => s.values.map((v) => v[1]));
        expect(pods).toContain(podOf(entry.service));
      });

      it.each(panelQueries(d).map((q) => [`${q.panelId} ${q.panel} ${q.target.refId}`, q] as const))('panel %s returns data', async (_name, q) => {
        // Pod "All" (the variable's default), then the one pod picked by name.
        await expectData(fillMacros(q.target.query, ctx(['$__all']), allValues(d)));
        await expectData(fillMacros(q.target.query, ctx([podOf(entry.service)]), allValues(d)));
      });
    });
  }

  // Every measurement, read back from InfluxDB: its field keys and their types, its tag keys and the
  // services that wrote it, against @ft/platform's schema (what the dashboards are typed by).
  it('the real collectors of every service wrote exactly the measurement schema', async () => {
    expect(writtenProblems(await readWrittenMeasurements(store.influx, DB), { expected: MEASUREMENT_NAMES })).toEqual([]);
  });

  it('the emptiness check can fail: a field no collector writes is reported, beside one that is written', async () => {
    const q = fillMacros(
      'SELECT mean("usage_percent") AS "ok", mean("no_such_field") AS "missing" FROM "cpu" WHERE $timeFilter GROUP BY time($__interval)',
      ctx([]),
    );
    expect(emptyColumns(await store.query(q))).toEqual(['missing']);
    expect(emptyColumns(await store.query(fillMacros('SELECT last("up") FROM "no_such_measurement" WHERE $timeFilter', ctx([]))))).toEqual([
      '(no series at all)',
    ]);
  });

  const overview = dashboards.get('ft-overview') as FtDashboard;
  /** Shows failing checks only: empty while all is well, proven below with a planted failure. */
  const FAILING = 'Failing checks';
  describe.skipIf(present.length === 0)('ft-overview', () => {
    it.each(
      panelQueries(overview)
        .filter((q) => q.panel !== FAILING)
        .map((q) => [`${q.panelId} ${q.panel}`, q] as const),
    )('panel %s returns data for every running service', async (_name, q) => {
      const result = await store.query(fillMacros(q.target.query, ctx([])));
      expect(emptyColumns(result), q.target.query).toEqual([]);
      if (/GROUP BY .*"service"/.test(q.target.query)) {
        const services = new Set(result.series.map((s) => s.tags?.['service']));
        const running = present.filter((e) => !waitProblems.has(e.service)).map((e) => e.service);
        for (const service of running) expect(services, `${service} in ${q.panel}`).toContain(service);
      }
    });

    it(`"${FAILING}" lists the checks whose last result is 0, and no passing one`, async () => {
      const [q] = panelQueries(overview).filter((p) => p.panel === FAILING);
      // A check that failed then passed, one that passed then failed, both of a service of their own.
      const now = Date.now();
      const lines = [
        `health_check,service=planted,pod=planted-0,check=recovered up=0 ${now - 4_000}`,
        `health_check,service=planted,pod=planted-0,check=recovered up=1 ${now - 2_000}`,
        `health_check,service=planted,pod=planted-0,check=broken up=1 ${now - 4_000}`,
        `health_check,service=planted,pod=planted-0,check=broken up=0 ${now - 2_000}`,
      ];
      const url = new URL('/write', store.influx.url);
      url.searchParams.set('db', DB);
      url.searchParams.set('precision', 'ms');
      const res = await fetch(url, {
        method: 'POST',
        body: lines.join('\n'),
        headers: { authorization: `Basic ${Buffer.from(`${WRITER.user}:${WRITER.password}`).toString('base64')}` },
      });
      expect(res.status).toBe(204);
      const result = await store.query(fillMacros(String(q?.target.query), ctx([])));
      const rows = result.series.flatMap((s) =>
        s.values.map((v) => ({ service: s.tags?.['service'], check: s.tags?.['check'], up: v[s.columns.indexOf('up')] })),
      );
      expect(rows).toContainEqual({ service: 'planted', check: 'broken', up: 0 });
      expect(rows.filter((r) => r.check === 'recovered')).toEqual([]);
      // Every row is a failing check; the real agents' passing checks are not listed.
      expect(rows.filter((r) => r.up !== 0)).toEqual([]);
    });
  });
});
