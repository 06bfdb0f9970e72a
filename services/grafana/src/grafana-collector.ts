/**
 * `grafana`: Grafana's health (/api/health) and a few of its own Prometheus figures (/metrics,
 * behind the basic auth set in grafana.ini's [metrics]). A Grafana that does not answer is
 * written as up=0 rather than left out, so the dashboard shows it down instead of empty.
 */
import type { Collector, MetricPoint } from '@ft/agent';
import { parsePrometheusText, sumOf } from './prometheus-text.js';

export interface GrafanaCollectorOptions {
  /** Base URL of Grafana, e.g. http://127.0.0.1:3000 */
  url: string;
  /** Credentials of /metrics ([metrics] basic_auth_username/password). */
  metricsUser: string;
  metricsPassword: string;
  timeoutMs?: number;
}

/** Prometheus metric -> field; counters stay counters (the dashboard takes their rate). */
const GAUGES: ReadonlyArray<[string, string]> = [
  ['grafana_stat_active_users', 'active_users'],
  ['grafana_stat_total_users', 'users'],
  ['grafana_stat_totals_dashboard', 'dashboards'],
  ['grafana_stat_totals_datasource', 'datasources'],
  ['grafana_http_request_in_flight', 'http_in_flight'],
];
const REQUESTS = 'grafana_http_request_duration_seconds_count';

async function healthy(base: string, timeoutMs: number): Promise<boolean> {
  try {
    const res = await fetch(new URL('/api/health', base), { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return false;
    const body = (await res.json()) as { database?: unknown };
    return body.database === 'ok';
  } catch {
    return false;
  }
}

export function grafanaCollector(options: GrafanaCollectorOptions): Collector {
  const timeoutMs = options.timeoutMs ?? 3_000;
  const auth = `Basic ${Buffer.from(`${options.metricsUser}:${options.metricsPassword}`).toString('base64')}`;
  return {
    name: 'grafana',
    async collect(): Promise<MetricPoint[]> {
      const up = await healthy(options.url, timeoutMs);
      const fields: Record<string, number> = { up: up ? 1 : 0 };
      if (up) {
        const res = await fetch(new URL('/metrics', options.url), { headers: { authorization: auth }, signal: AbortSignal.timeout(timeoutMs) });
        const text = await res.text();
        if (!res.ok) throw new Error(`GET /metrics of grafana: status ${res.status}`);
        const samples = parsePrometheusText(text);
        const requests = sumOf(samples, REQUESTS);
        if (requests !== undefined) {
          fields['http_requests'] = requests;
          fields['http_errors'] = sumOf(samples, REQUESTS, (l) => (l['status_code'] ?? '').startsWith('5')) ?? 0;
        }
        for (const [metric, field] of GAUGES) {
          const v = sumOf(samples, metric);
          if (v !== undefined) fields[field] = v;
        }
      }
      return [{ measurement: 'grafana', fields }];
    },
  };
}
