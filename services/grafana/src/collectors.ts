/**
 * `grafana`: Grafana's health (/api/health) and a few of its own Prometheus figures (/metrics,
 * behind the basic auth set in grafana.ini's [metrics]). A Grafana that does not answer is
 * written as up=0 rather than left out, so the dashboard shows it down instead of empty.
 */
import http from 'node:http';
import https from 'node:https';
import { measurementPoint, type Collector, type MetricPoint } from '@ft/agent';
import type { FieldName, FieldValues } from '@ft/platform';
import { grafanaLocalUrl } from './checks.js';
import type { GrafanaConfig } from './env.js';
import { parsePrometheusText, sumOf } from './prometheus-text.js';

export interface GrafanaCollectorOptions {
  /** Base URL of Grafana, e.g. https://127.0.0.1:3000 (its certificate is not checked: the agent's own Grafana over loopback). */
  url: string;
  /** Credentials of /metrics ([metrics] basic_auth_username/password). */
  metricsUser: string;
  metricsPassword: string;
  timeoutMs?: number;
}

/** Prometheus metric -> field; counters stay counters (the dashboard takes their rate). */
const GAUGES: ReadonlyArray<[string, FieldName<'grafana'>]> = [
  ['grafana_stat_active_users', 'active_users'],
  ['grafana_stat_total_users', 'users'],
  ['grafana_stat_totals_dashboard', 'dashboards'],
  ['grafana_stat_totals_datasource', 'datasources'],
  ['grafana_http_request_in_flight', 'http_in_flight'],
];
const REQUESTS = 'grafana_http_request_duration_seconds_count';

/** One GET, a fresh connection each time; https without verifying the certificate (see url above). */
function get(url: URL, headers: Record<string, string>, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const options = { headers, agent: false as const, signal: AbortSignal.timeout(timeoutMs) };
    const req = url.protocol === 'https:' ? https.get(url, { ...options, rejectUnauthorized: false }) : http.get(url, options);
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
  });
}

async function healthy(base: string, timeoutMs: number): Promise<boolean> {
  try {
    const res = await get(new URL('/api/health', base), {}, timeoutMs);
    if (res.status < 200 || res.status > 299) return false;
    const body = JSON.parse(res.body) as { database?: unknown };
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
      const fields: FieldValues<'grafana'> = { up: up ? 1 : 0 };
      if (up) {
        const res = await get(new URL('/metrics', options.url), { authorization: auth }, timeoutMs);
        if (res.status < 200 || res.status > 299) throw new Error(`GET /metrics of grafana: status ${res.status}`);
        const samples = parsePrometheusText(res.body);
        const requests = sumOf(samples, REQUESTS);
        if (requests !== undefined) {
          fields.http_requests = requests;
          fields.http_errors = sumOf(samples, REQUESTS, (l) => (l['status_code'] ?? '').startsWith('5')) ?? 0;
        }
        for (const [metric, field] of GAUGES) {
          const v = sumOf(samples, metric);
          if (v !== undefined) fields[field] = v;
        }
      }
      return [measurementPoint('grafana', fields)];
    },
  };
}

/** The service's collectors (also the test stand-in's, so both are measured the same way). */
export function grafanaCollectors(config: GrafanaConfig): Collector[] {
  return [grafanaCollector({ url: grafanaLocalUrl(config), metricsUser: config.GRAFANA_ADMIN_USER, metricsPassword: config.GRAFANA_ADMIN_PASSWORD })];
}
