/**
 * What every service dashboard shows about its container, from the measurements every agent writes
 * (packages/agent: cpu, mem, net, disk, procstat, agent, health, health_check; tags service, pod).
 */
import type { FieldName, MeasurementName, TagName } from '@ft/platform';
import { fieldOf, ident, lastOf, meanOf, measurementOf, minOf, rateOf, tagOf, whereClause, type Scope } from './influxql.js';
import { graphPanel, statPanel, type PanelSpec, type Section } from './panels.js';

export const UP_DOWN = [
  { value: 1, text: 'UP', color: 'green' },
  { value: 0, text: 'DOWN', color: 'red' },
] as const;

/**
 * Each start of an agent writes a new started_at_ms (its process start, stable for its life), so
 * distinct values in the range are starts; a container restart is a new start in the same pod.
 */
export function startsQuery(scope: Scope, by: ReadonlyArray<TagName<'agent'>>): string {
  return `SELECT count(distinct(${fieldOf('agent', 'started_at_ms')})) AS ${ident('starts')} FROM ${measurementOf('agent')} WHERE ${whereClause(scope)}${
    by.length ? ` GROUP BY ${by.map((t) => tagOf('agent', t)).join(', ')}` : ''
  }`;
}

function healthSection(scope: Scope): Section {
  const stat = <M extends MeasurementName>(title: string, measurement: M, field: FieldName<M>, extra: Partial<PanelSpec> = {}): PanelSpec =>
    statPanel(title, { measurement, select: [lastOf(field)], scope, by: ['pod'] }, '$tag_pod', { w: 4, h: 4, ...extra });
  return {
    title: 'Health',
    panels: [
      stat('Live', 'health', 'live', { mappings: UP_DOWN, description: 'The agent /healthz verdict: every daemon running, liveness checks passing.' }),
      stat('Ready', 'health', 'ready', { mappings: UP_DOWN, description: 'The agent /readyz verdict: also dependencies and readiness checks.' }),
      stat('Processes running', 'health', 'processes_running'),
      stat('Processes declared', 'health', 'processes_declared'),
      {
        title: 'Agent starts in range',
        description: 'Distinct agent start times (agent.started_at_ms) in the time range: more than 1 means the container restarted.',
        type: 'stat',
        w: 4,
        h: 4,
        queries: [{ query: startsQuery(scope, ['pod']), alias: '$tag_pod' }],
      },
      stat('Uptime', 'agent', 'uptime_s', { unit: 's' }),
    ],
  };
}

function resourcesSection(scope: Scope): Section {
  return {
    title: 'Container resources',
    panels: [
      graphPanel('CPU', { measurement: 'cpu', select: [meanOf('usage_percent')], scope, by: ['pod'] }, '$tag_pod', {
        description: "The container's CPU use, 100 % = one core (cpu.usage_percent).",
        unit: 'percent',
        min: 0,
      }),
      graphPanel('Memory', { measurement: 'mem', select: [meanOf('used')], scope, by: ['pod'] }, '$tag_pod used', {
        description: "The container's memory without reclaimable page cache (mem.used).",
        unit: 'bytes',
        min: 0,
      }),
      graphPanel(
        'Network',
        { measurement: 'net', select: [rateOf('bytes_recv', 'received'), rateOf('bytes_sent', 'sent')], scope, by: ['pod', 'interface'] },
        '$tag_interface $col',
        {
          description: "Bytes per second on the container's interfaces, loopback excluded (net.bytes_recv, net.bytes_sent).",
          unit: 'Bps',
        },
      ),
      graphPanel('Disk used', { measurement: 'disk', select: [meanOf('used_percent')], scope, by: ['pod', 'path'] }, '$tag_path', {
        description: 'Use of each volume the service declares (disk.used_percent, tag path).',
        unit: 'percent',
        min: 0,
        max: 100,
      }),
    ],
  };
}

function processesSection(scope: Scope): Section {
  const perProcess = (title: string, field: FieldName<'procstat'>, unit: string, description: string): PanelSpec =>
    graphPanel(title, { measurement: 'procstat', select: [meanOf(field)], scope, by: ['pod', 'process'] }, '$tag_process', { description, w: 8, unit, min: 0 });
  return {
    title: 'Processes',
    panels: [
      perProcess('CPU per process', 'cpu_usage', 'percent', 'Each supervised daemon with its children (procstat.cpu_usage, tag process).'),
      perProcess('Memory per process', 'memory_rss', 'bytes', 'Resident memory of each daemon tree (procstat.memory_rss).'),
      perProcess('Processes per daemon', 'num_procs', 'short', 'Processes in each daemon tree: master + workers (procstat.num_procs).'),
    ],
  };
}

function checksSection(scope: Scope): Section {
  return {
    title: 'Checks',
    panels: [
      graphPanel('Checks passing', { measurement: 'health_check', select: [minOf('up')], scope, by: ['pod', 'check'] }, '$tag_check', {
        description: 'Each check of the agent: 1 = passing (health_check.up, tag check).',
        min: 0,
        max: 1,
      }),
      graphPanel('Check duration', { measurement: 'health_check', select: [meanOf('duration_ms')], scope, by: ['pod', 'check'] }, '$tag_check', {
        description: 'How long each probe took (health_check.duration_ms).',
        unit: 'ms',
        min: 0,
      }),
    ],
  };
}

/** The four container sections, in the order every service dashboard shows them. */
export function containerSections(scope: Scope): Section[] {
  return [healthSection(scope), resourcesSection(scope), processesSection(scope), checksSection(scope)];
}
