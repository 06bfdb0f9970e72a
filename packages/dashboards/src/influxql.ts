/**
 * InfluxQL text for the panels. Every query carries Grafana's macros: $timeFilter (the dashboard's
 * time range) and, for graphs, GROUP BY time($__interval); service dashboards add their fixed
 * service tag and the $pod template variable (a regex, so "All" is `.*`).
 */

import { ident, literal } from '@ft/agent/src/influx/influxql.js';

/** Identifiers and string literals: the agent's InfluxDB module, the repository's one InfluxQL quoting. */
export { ident, literal };

export interface Scope {
  /** Fixed service tag; undefined on the overview (all services). */
  service?: string;
  /** Filter on the $pod template variable. */
  podVariable?: boolean;
}

export function whereClause(scope: Scope, extra: readonly string[] = []): string {
  const conditions: string[] = [];
  if (scope.service !== undefined) conditions.push(`${ident('service')} = ${literal(scope.service)}`);
  if (scope.podVariable) conditions.push(`${ident('pod')} =~ /^$pod$/`);
  conditions.push(...extra, '$timeFilter');
  return conditions.join(' AND ');
}

/** A field reduced over each interval: mean("x") AS "x". */
export function meanOf(field: string, as = field): string {
  return `mean(${ident(field)}) AS ${ident(as)}`;
}

export function maxOf(field: string, as = field): string {
  return `max(${ident(field)}) AS ${ident(as)}`;
}

export function minOf(field: string, as = field): string {
  return `min(${ident(field)}) AS ${ident(as)}`;
}

/** A counter as a per-second rate; restarts of the counter (a daemon restart) read as 0, not negative. */
export function rateOf(field: string, as = field): string {
  return `non_negative_derivative(max(${ident(field)}), 1s) AS ${ident(as)}`;
}

export function lastOf(field: string, as = field): string {
  return `last(${ident(field)}) AS ${ident(as)}`;
}

export interface SeriesQuery {
  measurement: string;
  select: readonly string[];
  scope: Scope;
  /** Tags each series is split by, besides time. */
  by?: readonly string[];
  where?: readonly string[];
}

/** A graph query: one point per $__interval per series. */
export function graphQuery(q: SeriesQuery): string {
  const by = ['time($__interval)', ...(q.by ?? []).map(ident)].join(', ');
  return `SELECT ${q.select.join(', ')} FROM ${ident(q.measurement)} WHERE ${whereClause(q.scope, q.where)} GROUP BY ${by} fill(null)`;
}

/** A single-value query (stat panels, tables): one row per series over the whole range. */
export function valueQuery(q: SeriesQuery): string {
  const by = (q.by ?? []).map(ident);
  return `SELECT ${q.select.join(', ')} FROM ${ident(q.measurement)} WHERE ${whereClause(q.scope, q.where)}${by.length ? ` GROUP BY ${by.join(', ')}` : ''}`;
}
