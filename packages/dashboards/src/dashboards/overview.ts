/** Every container at a glance: health, CPU, memory, network, restarts per service. */
import { startsQuery, UP_DOWN } from '../container-sections.js';
import { dashboard } from '../dashboard.js';
import type { FieldName } from '@ft/platform';
import { fieldOf, ident, lastOf, meanOf, measurementOf, minOf, tagOf, valueQuery, whereClause } from '../influxql.js';
import type { FtDashboard } from '../model.js';
import { graphPanel, statPanel } from '../panels.js';

const all = {};

/**
 * The checks whose last result is 0, per service: InfluxQL cannot filter on an aggregate, so an
 * outer query keeps the failing rows of the inner one's last values. Empty while all is well.
 */
export function failingChecksQuery(): string {
  const last = valueQuery({ measurement: 'health_check', select: [lastOf('up')], scope: all, by: ['service', 'check'] });
  return `SELECT ${fieldOf('health_check', 'up')} FROM (${last}) WHERE ${fieldOf('health_check', 'up')} = 0 GROUP BY ${tagOf('health_check', 'service')}, ${tagOf('health_check', 'check')}`;
}

/**
 * Fixed columns whatever order the datasource returns the tags in: service, check, result; the
 * time of the last result is left out.
 */
export const FAILING_CHECKS_COLUMNS = ['service', 'check', 'up'] as const;

/**
 * Per-interface rates summed per service: the inner query turns each interface's counter into a
 * rate, the outer adds the interfaces of a service together.
 */
function networkQuery(field: FieldName<'net'>, as: string): string {
  const tags = (['service', 'pod', 'interface'] as const).map((t) => tagOf('net', t)).join(', ');
  const inner = `SELECT non_negative_derivative(max(${fieldOf('net', field)}), 1s) AS ${ident('rate')} FROM ${measurementOf('net')} WHERE ${whereClause(all)} GROUP BY time($__interval), ${tags}`;
  return `SELECT sum(${ident('rate')}) AS ${ident(as)} FROM (${inner}) WHERE $timeFilter GROUP BY time($__interval), ${tagOf('net', 'service')} fill(null)`;
}

export function overviewDashboard(): FtDashboard {
  return dashboard({
    uid: 'ft-overview',
    title: 'ft_services / overview',
    description: 'All containers: health, CPU, memory, network and restarts per service.',
    tags: ['overview'],
    sections: [
      {
        title: 'Health per service',
        panels: [
          statPanel('Ready', { measurement: 'health', select: [lastOf('ready')], scope: all, by: ['service'] }, '$tag_service', {
            description: 'Last /readyz verdict of each service (health.ready).',
            w: 12,
            h: 5,
            mappings: UP_DOWN,
          }),
          statPanel('Live', { measurement: 'health', select: [lastOf('live')], scope: all, by: ['service'] }, '$tag_service', {
            description: 'Last /healthz verdict of each service (health.live).',
            w: 12,
            h: 5,
            mappings: UP_DOWN,
          }),
          {
            title: 'Agent starts in range',
            description: 'Distinct agent starts per service in the range (agent.started_at_ms): more than 1 means the container restarted.',
            type: 'stat',
            w: 12,
            h: 5,
            queries: [{ query: startsQuery(all, ['service']), alias: '$tag_service' }],
          },
          {
            title: 'Failing checks',
            description: 'The checks whose last result (health_check.up) is 0 = failing, per service; empty while every check passes.',
            type: 'table',
            w: 12,
            h: 5,
            queries: [{ query: failingChecksQuery(), format: 'table' }],
            transformations: [
              {
                id: 'organize',
                options: {
                  excludeByName: { Time: true },
                  indexByName: Object.fromEntries(FAILING_CHECKS_COLUMNS.map((c, i) => [c, i])),
                  renameByName: { service: 'Service', check: 'Check', up: 'Result (0 = failing)' },
                },
              },
            ],
          },
        ],
      },
      {
        title: 'Resources per service',
        panels: [
          graphPanel('CPU per service', { measurement: 'cpu', select: [meanOf('usage_percent')], scope: all, by: ['service'] }, '$tag_service', {
            unit: 'percent',
            min: 0,
          }),
          graphPanel('Memory per service', { measurement: 'mem', select: [meanOf('used')], scope: all, by: ['service'] }, '$tag_service', {
            unit: 'bytes',
            min: 0,
            stacked: true,
          }),
          {
            title: 'Network received per service',
            type: 'timeseries',
            w: 12,
            unit: 'Bps',
            queries: [{ query: networkQuery('bytes_recv', 'received'), alias: '$tag_service' }],
          },
          {
            title: 'Network sent per service',
            type: 'timeseries',
            w: 12,
            unit: 'Bps',
            queries: [{ query: networkQuery('bytes_sent', 'sent'), alias: '$tag_service' }],
          },
          graphPanel(
            'Processes running per service',
            { measurement: 'health', select: [minOf('processes_running', 'running')], scope: all, by: ['service'] },
            '$tag_service',
            {
              w: 24,
              min: 0,
            },
          ),
        ],
      },
    ],
  });
}
