/**
 * `influxdb`: influxd's own figures from GET /debug/vars (Go's expvar page, which every 1.x serves):
 * the HTTP service's request, write and query counters, the series held, and the Go heap. The
 * field names are the platform's (services/README.md); no tags beyond the agent's base tags.
 */
import { InfluxClient, measurementPoint, type Collector, type MetricPoint, type ProcessView } from '@ft/agent';
import type { FieldValues } from '@ft/platform';

/** Every field of `influxdb` in the measurement schema: the page has them all. */
export type InfluxdbFields = Required<FieldValues<'influxdb'>>;

interface Stat {
  name?: unknown;
  values?: Record<string, unknown>;
}

/**
 * Sums over every `httpd` entry (one per HTTP listener) and every `database` entry (one per
 * database, present once it holds data). Throws when the page is not influxd's.
 */
export function parseDebugVars(text: string): InfluxdbFields {
  let vars: Record<string, unknown>;
  try {
    vars = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error(`not JSON: ${JSON.stringify(text.slice(0, 120))}`);
  }
  const stats = Object.values(vars).filter((v): v is Stat => typeof v === 'object' && v !== null && 'name' in v);
  const httpd = stats.filter((s) => s.name === 'httpd');
  const memstats = vars['memstats'] as { HeapAlloc?: unknown } | undefined;
  if (httpd.length === 0 || typeof memstats?.HeapAlloc !== 'number') throw new Error('not influxd /debug/vars: no httpd statistics or memstats');
  const sum = (entries: Stat[], key: string): number => entries.reduce((n, s) => n + numberOr0(s.values?.[key]), 0);
  return {
    write_req: sum(httpd, 'writeReq'),
    query_req: sum(httpd, 'queryReq'),
    points_written_ok: sum(httpd, 'pointsWrittenOK'),
    points_written_fail: sum(httpd, 'pointsWrittenFail'),
    req: sum(httpd, 'req'),
    client_error: sum(httpd, 'clientError'),
    server_error: sum(httpd, 'serverError'),
    series: sum(
      stats.filter((s) => s.name === 'database'),
      'numSeries',
    ),
    heap_alloc: memstats.HeapAlloc,
  };
}

function numberOr0(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

export interface InfluxdbCollectorOptions {
  /** Base URL of the local influxd, e.g. http://127.0.0.1:8086 */
  url: string;
  /** Sent as basic auth: builds that protect /debug/* (pprof-auth-enabled) want an admin. */
  user: string;
  password: string;
  /** No point and no warning while this process is not running (the agent collects during init). */
  processes?: ProcessView;
  process?: string;
  timeoutMs?: number;
}

export function influxdbCollector(options: InfluxdbCollectorOptions): Collector {
  // The agent's InfluxDB client (node's http underneath): fetch() would load undici, ~18 MB of RSS.
  const client = new InfluxClient({ url: options.url, user: options.user, password: options.password });
  return {
    name: 'influxdb',
    async collect(): Promise<MetricPoint[]> {
      if (options.processes && options.process && options.processes.pid(options.process) === undefined) return [];
      const body = await client.getText('/debug/vars', AbortSignal.timeout(options.timeoutMs ?? 3_000));
      return [measurementPoint('influxdb', parseDebugVars(body))];
    },
  };
}
