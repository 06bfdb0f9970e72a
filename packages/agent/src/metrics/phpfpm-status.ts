/**
 * `phpfpm`: php-fpm's pool status (`pm.status_path`, read as JSON through the service's
 * loopback-only nginx server), with telegraf's field names and a `pool` tag.
 */
import type { FieldName, FieldValues } from '@ft/platform';
import type { Collector, MetricPoint } from '../types.js';
import { measurementPoint } from './measurement-point.js';
import { fetchStatusPage } from './status-page.js';

/** php-fpm's JSON key -> our field. */
const FIELDS: Readonly<Record<string, FieldName<'phpfpm'>>> = {
  'accepted conn': 'accepted_conn',
  'listen queue': 'listen_queue',
  'max listen queue': 'max_listen_queue',
  'listen queue len': 'listen_queue_len',
  'idle processes': 'idle_processes',
  'active processes': 'active_processes',
  'total processes': 'total_processes',
  'max active processes': 'max_active_processes',
  'max children reached': 'max_children_reached',
  'slow requests': 'slow_requests',
  'start since': 'start_since',
};

export function parsePhpFpmStatus(json: string): { pool: string; fields: FieldValues<'phpfpm'> } {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new Error(`php-fpm status is not JSON: ${JSON.stringify(json.slice(0, 120))}`);
  }
  if (typeof data !== 'object' || data === null || !('pool' in data)) throw new Error('php-fpm status has no pool');
  const record = data as Record<string, unknown>;
  const fields: FieldValues<'phpfpm'> = {};
  for (const [key, field] of Object.entries(FIELDS)) {
    const value = record[key];
    if (typeof value === 'number') fields[field] = value;
  }
  if (Object.keys(fields).length === 0) throw new Error('php-fpm status has no figures');
  return { pool: String(record.pool), fields };
}

export function phpFpmStatusCollector(options: { url: string }): Collector {
  const url = new URL(options.url);
  url.searchParams.set('json', '');
  return {
    name: 'phpfpm',
    async collect(): Promise<MetricPoint[]> {
      const { pool, fields } = parsePhpFpmStatus(await fetchStatusPage(url.toString()));
      return [measurementPoint('phpfpm', fields, { pool })];
    },
  };
}
