/**
 * Each service's own figures, one function per measurement of services/README.md, with exactly
 * the field names written there. Counters are shown as rates; gauges as they are.
 */
import type { FieldName, MeasurementName, TagName } from '@ft/platform';
import { lastOf, maxOf, meanOf, rateOf, type Scope, type Selection } from './influxql.js';
import { graphPanel, statPanel, type PanelSpec } from './panels.js';
import { UP_DOWN } from './container-sections.js';

/** A graph of one measurement's fields, a series per pod (and `by`), a legend entry per field. */
const graph = <M extends MeasurementName>(
  title: string,
  measurement: M,
  select: ReadonlyArray<Selection<FieldName<M>>>,
  scope: Scope,
  extra: Partial<PanelSpec> & { by?: ReadonlyArray<TagName<M>> } = {},
): PanelSpec => {
  const { by = ['pod'] as const, ...rest } = extra;
  return graphPanel(title, { measurement, select, scope, by }, '$col', rest);
};

/** nginx stub_status (tag server: the service's nginx). */
export function nginxFigures(scope: Scope): PanelSpec[] {
  const by = ['pod', 'server'] as const;
  return [
    graph('nginx requests', 'nginx', [rateOf('requests')], scope, { by, unit: 'reqps', description: 'nginx.requests as a rate.' }),
    graph('nginx connections', 'nginx', [meanOf('active'), meanOf('reading'), meanOf('writing'), meanOf('waiting')], scope, {
      by,
      description: 'nginx.active, reading, writing, waiting.',
    }),
    graph('nginx accepted and handled connections', 'nginx', [rateOf('accepts'), rateOf('handled')], scope, {
      by,
      unit: 'cps',
      description: 'nginx.accepts and nginx.handled as rates: a gap between them means dropped connections.',
    }),
  ];
}

/** php-fpm pool status (tag pool). */
export function phpfpmFigures(scope: Scope): PanelSpec[] {
  const by = ['pod', 'pool'] as const;
  return [
    graph('php-fpm processes', 'phpfpm', [meanOf('active_processes'), meanOf('idle_processes'), meanOf('total_processes')], scope, {
      by,
      description: 'phpfpm.active_processes, idle_processes, total_processes.',
    }),
    graph('php-fpm accepted connections', 'phpfpm', [rateOf('accepted_conn')], scope, { by, unit: 'reqps', description: 'phpfpm.accepted_conn as a rate.' }),
    graph('php-fpm listen queue', 'phpfpm', [meanOf('listen_queue'), maxOf('max_listen_queue')], scope, {
      by,
      description: 'phpfpm.listen_queue and max_listen_queue: requests waiting for a free worker.',
    }),
    graph('php-fpm saturation', 'phpfpm', [maxOf('max_children_reached'), maxOf('slow_requests')], scope, {
      by,
      description: 'phpfpm.max_children_reached and slow_requests (counters since the pool started).',
    }),
  ];
}

export function sshFigures(scope: Scope): PanelSpec[] {
  return [graph('SSH sessions', 'ssh', [meanOf('sessions')], scope, { description: 'ssh.sessions: open SSH sessions into the container.' })];
}

export function mysqlFigures(scope: Scope): PanelSpec[] {
  return [
    graph('MySQL queries', 'mysql', [rateOf('queries'), rateOf('questions')], scope, { unit: 'qps', description: 'mysql.queries and questions as rates.' }),
    graph('MySQL connections', 'mysql', [meanOf('threads_connected'), meanOf('threads_running')], scope, {
      description: 'mysql.threads_connected and threads_running.',
    }),
    graph('MySQL commands', 'mysql', [rateOf('com_select'), rateOf('com_insert'), rateOf('com_update'), rateOf('com_delete')], scope, {
      unit: 'qps',
      description: 'mysql.com_select, com_insert, com_update, com_delete as rates.',
    }),
    graph('MySQL traffic', 'mysql', [rateOf('bytes_received'), rateOf('bytes_sent')], scope, {
      unit: 'Bps',
      description: 'mysql.bytes_received and bytes_sent as rates.',
    }),
    graph('MySQL problems', 'mysql', [rateOf('connections'), rateOf('aborted_connects'), rateOf('slow_queries')], scope, {
      description: 'New connections, aborted connects and slow queries per second (mysql.connections, aborted_connects, slow_queries).',
    }),
    graph(
      'InnoDB buffer pool pages',
      'mysql',
      [
        meanOf('innodb_buffer_pool_pages_total'),
        meanOf('innodb_buffer_pool_pages_data'),
        meanOf('innodb_buffer_pool_pages_free'),
        meanOf('innodb_buffer_pool_pages_dirty'),
      ],
      scope,
      { description: 'mysql.innodb_buffer_pool_pages_total, _data, _free, _dirty.' },
    ),
    graph('InnoDB buffer pool reads', 'mysql', [rateOf('innodb_buffer_pool_read_requests'), rateOf('innodb_buffer_pool_reads')], scope, {
      description: 'Logical reads vs reads that went to disk (mysql.innodb_buffer_pool_read_requests, innodb_buffer_pool_reads).',
    }),
    graph('InnoDB buffer pool data', 'mysql', [meanOf('innodb_buffer_pool_bytes_data')], scope, {
      unit: 'bytes',
      description: 'mysql.innodb_buffer_pool_bytes_data.',
    }),
  ];
}

export function ftpFigures(scope: Scope): PanelSpec[] {
  return [
    graph('FTP sessions', 'ftp', [meanOf('sessions')], scope, { description: 'ftp.sessions: open FTP control connections.' }),
    graph('FTP logins', 'ftp', [rateOf('logins'), rateOf('failed_logins')], scope, { description: 'ftp.logins and failed_logins as rates.' }),
    graph('FTP transfers', 'ftp', [rateOf('uploads'), rateOf('downloads')], scope, { description: 'ftp.uploads and downloads (files) as rates.' }),
    graph('FTP bytes', 'ftp', [rateOf('upload_bytes'), rateOf('download_bytes')], scope, {
      unit: 'Bps',
      description: 'ftp.upload_bytes and download_bytes as rates.',
    }),
  ];
}

export function influxdbFigures(scope: Scope): PanelSpec[] {
  return [
    graph('InfluxDB requests', 'influxdb', [rateOf('req'), rateOf('write_req'), rateOf('query_req')], scope, {
      unit: 'reqps',
      description: 'influxdb.req, write_req, query_req as rates.',
    }),
    graph('InfluxDB points written', 'influxdb', [rateOf('points_written_ok'), rateOf('points_written_fail')], scope, {
      description: 'influxdb.points_written_ok and points_written_fail as rates.',
    }),
    graph('InfluxDB errors', 'influxdb', [rateOf('client_error'), rateOf('server_error')], scope, {
      description: 'influxdb.client_error and server_error as rates.',
    }),
    graph('InfluxDB series', 'influxdb', [meanOf('series')], scope, { description: 'influxdb.series: series in the database.' }),
    graph('InfluxDB heap', 'influxdb', [meanOf('heap_alloc')], scope, { unit: 'bytes', description: 'influxdb.heap_alloc.' }),
  ];
}

export function grafanaFigures(scope: Scope): PanelSpec[] {
  return [
    statPanel('Grafana up', { measurement: 'grafana', select: [lastOf('up')], scope, by: ['pod'] }, '$tag_pod', {
      description: 'grafana.up: /api/health answered with its database ok.',
      w: 6,
      h: 8,
      mappings: UP_DOWN,
    }),
    graph('Grafana HTTP requests', 'grafana', [rateOf('http_requests'), rateOf('http_errors')], scope, {
      w: 18,
      unit: 'reqps',
      description: 'grafana.http_requests and http_errors (5xx) as rates, from grafana_http_request_duration_seconds_count.',
    }),
    graph('Grafana users', 'grafana', [meanOf('active_users'), meanOf('users')], scope, { description: 'grafana.active_users and users.' }),
    graph('Grafana dashboards and datasources', 'grafana', [meanOf('dashboards'), meanOf('datasources')], scope, {
      description: 'grafana.dashboards and datasources.',
    }),
  ];
}
