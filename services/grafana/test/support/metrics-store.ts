/**
 * The InfluxDB the data test fills: Debian's influxd (testkit) with the metrics database, a
 * write-only user for the agents and a read-only user queried exactly as the provisioned
 * datasource queries (GET /query, db=metrics, the read user's basic auth).
 */
import { startInfluxdb, type InfluxdbServer } from '@ft/testkit';

export const DB = 'metrics';
export const WRITER = { user: 'fttest_writer', password: 'writer-password-1' };
export const READER = { user: 'fttest_grafana', password: 'reader-password-1' };

export interface QueryResult {
  series: Array<{ name: string; tags?: Record<string, string>; columns: string[]; values: unknown[][] }>;
}

export interface MetricsStore {
  influx: InfluxdbServer;
  /** The AGENT_INFLUX_* an agent needs to write here. */
  agentVars(): Record<string, string>;
  /** One InfluxQL statement as Grafana's datasource sends it; throws on an error answer. */
  query(q: string): Promise<QueryResult>;
  destroy(): Promise<void>;
}

export async function startMetricsStore(): Promise<MetricsStore> {
  const influx = await startInfluxdb();
  await influx.createDatabase(DB);
  await influx.createUser(WRITER.user, WRITER.password, DB, 'WRITE');
  await influx.createUser(READER.user, READER.password, DB, 'READ');
  const auth = `Basic ${Buffer.from(`${READER.user}:${READER.password}`).toString('base64')}`;
  return {
    influx,
    agentVars: () => ({ AGENT_INFLUX_URL: influx.url, AGENT_INFLUX_DB: DB, AGENT_INFLUX_USER: WRITER.user, AGENT_INFLUX_PASSWORD: WRITER.password }),
    async query(q) {
      const url = new URL('/query', influx.url);
      url.searchParams.set('db', DB);
      url.searchParams.set('q', q);
      url.searchParams.set('epoch', 'ms');
      const res = await fetch(url, { headers: { authorization: auth }, signal: AbortSignal.timeout(30_000) });
      const body = (await res.json()) as { error?: string; results?: Array<{ error?: string; series?: QueryResult['series'] }> };
      const error = body.error ?? body.results?.[0]?.error;
      if (!res.ok || error) throw new Error(`InfluxDB refused ${q}: ${res.status} ${error ?? ''}`);
      return { series: body.results?.[0]?.series ?? [] };
    },
    destroy: () => influx.destroy(),
  };
}

/** Columns other than time that hold no value at all in any series: each is a field the query found nothing for. */
export function emptyColumns(result: QueryResult): string[] {
  if (result.series.length === 0) return ['(no series at all)'];
  const columns = new Set(result.series.flatMap((s) => s.columns.filter((c) => c !== 'time')));
  return [...columns].filter(
    (c) => !result.series.some((s) => s.values.some((row) => row[s.columns.indexOf(c)] !== null && row[s.columns.indexOf(c)] !== undefined)),
  );
}
