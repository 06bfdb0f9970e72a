/**
 * `nginx`: nginx's stub_status page, with telegraf's field names. The page is served on a
 * loopback-only server of the service's nginx (see each service's nginx.conf).
 */
import type { FieldValues } from '@ft/platform';
import type { Collector, MetricPoint } from '../types.js';
import { measurementPoint } from './measurement-point.js';
import { fetchStatusPage } from './status-page.js';

/**
 * Parses stub_status:
 *   Active connections: 2
 *   server accepts handled requests
 *    10 10 31
 *   Reading: 0 Writing: 1 Waiting: 1
 */
export function parseStubStatus(text: string): FieldValues<'nginx'> {
  const active = /Active connections:\s*(\d+)/.exec(text);
  const totals = /^\s*(\d+)\s+(\d+)\s+(\d+)\s*$/m.exec(text);
  const rww = /Reading:\s*(\d+)\s+Writing:\s*(\d+)\s+Waiting:\s*(\d+)/.exec(text);
  if (!active || !totals || !rww) throw new Error(`not an nginx stub_status page: ${JSON.stringify(text.slice(0, 120))}`);
  return {
    active: Number(active[1]),
    accepts: Number(totals[1]),
    handled: Number(totals[2]),
    requests: Number(totals[3]),
    reading: Number(rww[1]),
    writing: Number(rww[2]),
    waiting: Number(rww[3]),
  };
}

export function nginxStatusCollector(options: { url: string; server?: string }): Collector {
  return {
    name: 'nginx',
    async collect(): Promise<MetricPoint[]> {
      const fields = parseStubStatus(await fetchStatusPage(options.url));
      return [measurementPoint('nginx', fields, { server: options.server ?? 'nginx' })];
    },
  };
}
