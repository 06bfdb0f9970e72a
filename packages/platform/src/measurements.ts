/**
 * The measurement schema: every measurement the agents write to InfluxDB, its tags, its fields and
 * their types, written once. The collectors type their points with it and the dashboards type their
 * queries with it, so a dashboard reading a field no collector writes does not compile; the tests
 * beside the collectors check the points the real collectors write against it (pointProblems), and
 * services/README.md's measurement table is generated from it (measurements-table.ts).
 */

import type { ServiceName } from './services.js';

/** How InfluxDB stores a field. The agent writes every number as a float (packages/agent's metric-point.ts). */
export type FieldType = 'float' | 'string' | 'boolean';

export interface FieldSpec {
  readonly type: FieldType;
  /** Set when a point may lack the field: when ("absent <absentWhen>"). A field without it is in every point. */
  readonly absentWhen?: string;
}

export interface MeasurementSpec {
  /** What the measurement is, for the README's table. */
  readonly about: string;
  /** The services whose collectors write it, or every agent (the agent's own collectors). */
  readonly writtenBy: 'every agent' | readonly ServiceName[];
  /** The tags its collector sets, besides the BASE_TAGS every point gets. */
  readonly tags: readonly string[];
  readonly fields: Readonly<Record<string, FieldSpec>>;
}

/** Tags the agent's metrics pipeline puts on every point (its baseTags): which service, which pod. */
export const BASE_TAGS = ['service', 'pod'] as const;
export type BaseTag = (typeof BASE_TAGS)[number];

const float = { type: 'float' } as const;
const floatUnless = (absentWhen: string) => ({ type: 'float', absentWhen }) as const;
const RATE_PRIMING = 'on the first round (a rate needs two readings)';

/** Every field of `names` a float, in every point unless `absentWhen` says when not. */
function floats<const N extends readonly string[], const A extends string | undefined = undefined>(
  names: N,
  absentWhen?: A,
): { readonly [K in N[number]]: A extends string ? { readonly type: 'float'; readonly absentWhen: A } : typeof float } {
  const spec: FieldSpec = absentWhen === undefined ? float : floatUnless(absentWhen);
  return Object.fromEntries(names.map((n) => [n, spec])) as never;
}

export const MEASUREMENTS = {
  cpu: {
    about: "the container's CPU: usage_percent (100 = one core), usage_total_seconds (a counter)",
    writtenBy: 'every agent',
    tags: [],
    fields: { usage_percent: floatUnless(RATE_PRIMING), usage_total_seconds: float },
  },
  mem: {
    about: "the container's memory in bytes, without reclaimable page cache",
    writtenBy: 'every agent',
    tags: [],
    fields: {
      used: float,
      limit: floatUnless('without a memory limit'),
      used_percent: floatUnless('without a memory limit'),
    },
  },
  net: {
    about: "each interface's counters (loopback left out), telegraf's net names",
    writtenBy: 'every agent',
    tags: ['interface'],
    fields: floats(['bytes_recv', 'packets_recv', 'err_in', 'drop_in', 'bytes_sent', 'packets_sent', 'err_out', 'drop_out']),
  },
  disk: {
    about: "each volume's use in bytes, telegraf's disk names",
    writtenBy: 'every agent',
    tags: ['path'],
    fields: {
      ...floats(['total', 'used', 'free', 'used_percent']),
      inodes_total: floatUnless('on a filesystem without an inode table'),
      inodes_free: floatUnless('on a filesystem without an inode table'),
      inodes_used: floatUnless('on a filesystem without an inode table'),
    },
  },
  procstat: {
    about: "each supervised daemon with its descendants, telegraf's procstat names",
    writtenBy: 'every agent',
    tags: ['process'],
    fields: {
      ...floats(['pid', 'memory_rss', 'num_threads', 'num_procs', 'cpu_time_user', 'cpu_time_system']),
      cpu_usage: floatUnless(RATE_PRIMING),
    },
  },
  agent: {
    about: "the agent's own process; a new started_at_ms is a new start of the container",
    writtenBy: 'every agent',
    tags: [],
    fields: floats(['uptime_s', 'started_at_ms', 'heap_used', 'rss']),
  },
  health: {
    about: 'the /healthz and /readyz verdicts (1 or 0) and the supervised processes',
    writtenBy: 'every agent',
    tags: [],
    fields: floats(['live', 'ready', 'processes_running', 'processes_declared']),
  },
  health_check: {
    about: 'each check of the agent once it has run: up (1 or 0), its duration, its failures in a row',
    writtenBy: 'every agent',
    tags: ['check'],
    fields: floats(['up', 'duration_ms', 'consecutive_failures']),
  },
  nginx: {
    about: "nginx's stub_status, telegraf's nginx names",
    writtenBy: ['nginx', 'wordpress', 'phpmyadmin'],
    tags: ['server'],
    fields: floats(['active', 'accepts', 'handled', 'requests', 'reading', 'writing', 'waiting']),
  },
  phpfpm: {
    about: "php-fpm's pool status, telegraf's phpfpm names",
    writtenBy: ['wordpress', 'phpmyadmin'],
    tags: ['pool'],
    fields: floats([
      'accepted_conn',
      'listen_queue',
      'max_listen_queue',
      'listen_queue_len',
      'idle_processes',
      'active_processes',
      'total_processes',
      'max_active_processes',
      'max_children_reached',
      'slow_requests',
      'start_since',
    ]),
  },
  ssh: {
    about: "logged-in sessions of the container's sshd",
    writtenBy: ['nginx'],
    tags: [],
    fields: floats(['sessions']),
  },
  mysql: {
    about: "SHOW GLOBAL STATUS, telegraf's mysql names (the status variable, lower-cased)",
    writtenBy: ['mysql'],
    tags: [],
    fields: floats([
      'threads_connected',
      'threads_running',
      'connections',
      'aborted_connects',
      'queries',
      'questions',
      'slow_queries',
      'bytes_received',
      'bytes_sent',
      'com_select',
      'com_insert',
      'com_update',
      'com_delete',
      'innodb_buffer_pool_pages_total',
      'innodb_buffer_pool_pages_free',
      'innodb_buffer_pool_pages_data',
      'innodb_buffer_pool_pages_dirty',
      'innodb_buffer_pool_read_requests',
      'innodb_buffer_pool_reads',
      'innodb_buffer_pool_bytes_data',
    ]),
  },
  ftp: {
    about: "vsftpd's open sessions, and totals of logins and transfers since the agent started",
    writtenBy: ['ftps'],
    tags: [],
    fields: floats(['sessions', 'logins', 'failed_logins', 'uploads', 'downloads', 'upload_bytes', 'download_bytes']),
  },
  influxdb: {
    about: "influxd's /debug/vars: HTTP requests, points written, series, Go heap",
    writtenBy: ['influxdb'],
    tags: [],
    fields: floats(['write_req', 'query_req', 'points_written_ok', 'points_written_fail', 'req', 'client_error', 'server_error', 'series', 'heap_alloc']),
  },
  grafana: {
    about:
      "up (1 when /api/health answers with database ok, else 0 and no other field), and from Grafana's /metrics: " +
      'http_requests and http_errors (5xx) from grafana_http_request_duration_seconds_count, http_in_flight, ' +
      'active_users, users, dashboards, datasources (grafana_stat_*)',
    writtenBy: ['grafana'],
    tags: [],
    fields: {
      up: float,
      ...floats(
        ['http_requests', 'http_errors', 'http_in_flight', 'active_users', 'users', 'dashboards', 'datasources'],
        'while Grafana is down (up = 0), or when its /metrics lacks the figure',
      ),
    },
  },
} as const satisfies Readonly<Record<string, MeasurementSpec>>;

export type Measurements = typeof MEASUREMENTS;
export type MeasurementName = keyof Measurements;
/** The fields of a measurement, as names. */
export type FieldName<M extends MeasurementName> = keyof Measurements[M]['fields'] & string;
/** The tags of a measurement's points: its own and the base tags. */
export type TagName<M extends MeasurementName> = BaseTag | Measurements[M]['tags'][number];

type ValueOf<T extends FieldType> = T extends 'float' ? number : T extends 'string' ? string : boolean;
/** A point's fields, typed by the schema: only the measurement's fields, each of its type. */
export type FieldValues<M extends MeasurementName> = {
  -readonly [F in FieldName<M>]?: Measurements[M]['fields'][F] extends { type: infer T extends FieldType } ? ValueOf<T> : never;
};
/** The tags a collector sets itself (the pipeline adds the base tags). */
export type OwnTags<M extends MeasurementName> = { readonly [T in Measurements[M]['tags'][number]]: string };

export const MEASUREMENT_NAMES = Object.keys(MEASUREMENTS) as MeasurementName[];

export function isMeasurementName(name: string): name is MeasurementName {
  return Object.hasOwn(MEASUREMENTS, name);
}

/** The measurement's field names, in the schema's order. */
export function fieldNames<M extends MeasurementName>(measurement: M): Array<FieldName<M>> {
  return Object.keys(MEASUREMENTS[measurement].fields) as Array<FieldName<M>>;
}

/** The measurement's tag names: its own, then the base tags. */
export function tagNames<M extends MeasurementName>(measurement: M): Array<TagName<M>> {
  return [...(MEASUREMENTS[measurement].tags as readonly TagName<M>[]), ...BASE_TAGS];
}

/** A point as a collector or the pipeline hands it over (the agent's MetricPoint has this shape). */
export interface PointLike {
  readonly measurement: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly fields: Readonly<Record<string, unknown>>;
}

export interface PointCheck {
  /** The base tags must be there too: points after the pipeline, or read back from InfluxDB. */
  baseTags?: boolean;
}

/**
 * What is wrong with a point against the schema, as readable lines ([] when nothing): an unknown
 * measurement, a field or tag it does not have, a value of another type, a field every point
 * carries or a tag of the collector missing.
 */
export function pointProblems(point: PointLike, check: PointCheck = {}): string[] {
  const m = point.measurement;
  if (!isMeasurementName(m)) return [`measurement ${JSON.stringify(m)} is not in the schema`];
  const spec: MeasurementSpec = MEASUREMENTS[m];
  const problems: string[] = [];
  for (const [field, value] of Object.entries(point.fields)) {
    const f = spec.fields[field];
    if (!f) problems.push(`${m}: field ${JSON.stringify(field)} is not in the schema`);
    else if (!matchesType(value, f.type)) problems.push(`${m}.${field}: ${JSON.stringify(value)} is not a ${f.type}`);
  }
  for (const [field, f] of Object.entries(spec.fields)) {
    if (!f.absentWhen && !(field in point.fields)) problems.push(`${m}: field ${JSON.stringify(field)} is missing`);
  }
  const tags = point.tags ?? {};
  const allowed = new Set<string>([...spec.tags, ...BASE_TAGS]);
  for (const tag of Object.keys(tags)) if (!allowed.has(tag)) problems.push(`${m}: tag ${JSON.stringify(tag)} is not in the schema`);
  const required = check.baseTags ? [...spec.tags, ...BASE_TAGS] : spec.tags;
  for (const tag of required) if (!tags[tag]) problems.push(`${m}: tag ${JSON.stringify(tag)} is missing`);
  return problems;
}

function matchesType(value: unknown, type: FieldType): boolean {
  switch (type) {
    case 'float':
      return typeof value === 'number';
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
  }
}
