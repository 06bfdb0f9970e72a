/**
 * InfluxQL text for the panels. Every query carries Grafana's macros: $timeFilter (the dashboard's
 * time range) and, for graphs, GROUP BY time($__interval); service dashboards add their fixed
 * service tag and the $pod template variable (a regex, so "All" is `.*`).
 */

import type { FieldName, MeasurementName, TagName } from '@ft/platform';
import { ident, literal } from '@ft/agent/influx';

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

/**
 * One column of a SELECT: the field it reads (typed, so the query builders below can refuse a
 * field the measurement does not have) and its text.
 */
export interface Selection<F extends string = string> {
  readonly field: F;
  readonly text: string;
}

/** A field reduced over each interval: mean("x") AS "x". */
export function meanOf<F extends string>(field: F, as: string = field): Selection<F> {
  return { field, text: `mean(${ident(field)}) AS ${ident(as)}` };
}

export function maxOf<F extends string>(field: F, as: string = field): Selection<F> {
  return { field, text: `max(${ident(field)}) AS ${ident(as)}` };
}

export function minOf<F extends string>(field: F, as: string = field): Selection<F> {
  return { field, text: `min(${ident(field)}) AS ${ident(as)}` };
}

/** A counter as a per-second rate; restarts of the counter (a daemon restart) read as 0, not negative. */
export function rateOf<F extends string>(field: F, as: string = field): Selection<F> {
  return { field, text: `non_negative_derivative(max(${ident(field)}), 1s) AS ${ident(as)}` };
}

export function lastOf<F extends string>(field: F, as: string = field): Selection<F> {
  return { field, text: `last(${ident(field)}) AS ${ident(as)}` };
}

/**
 * A query of one measurement of the schema (@ft/platform): its fields only in `select`, its tags
 * only in `by`, so a panel reading a field no collector writes does not compile.
 */
export interface SeriesQuery<M extends MeasurementName> {
  measurement: M;
  select: ReadonlyArray<Selection<FieldName<M>>>;
  scope: Scope;
  /** Tags each series is split by, besides time. */
  by?: ReadonlyArray<TagName<M>>;
  where?: readonly string[];
}

/** A field of a measurement, quoted, for queries the builders below cannot write (subqueries). */
export function fieldOf<M extends MeasurementName>(_measurement: M, field: FieldName<M>): string {
  return ident(field);
}

/** A tag of a measurement, quoted. */
export function tagOf<M extends MeasurementName>(_measurement: M, tag: TagName<M>): string {
  return ident(tag);
}

/** A measurement of the schema, quoted. */
export function measurementOf(measurement: MeasurementName): string {
  return ident(measurement);
}

const selectList = (select: ReadonlyArray<Selection>): string => select.map((s) => s.text).join(', ');

/** A graph query: one point per $__interval per series. */
export function graphQuery<M extends MeasurementName>(q: SeriesQuery<M>): string {
  const by = ['time($__interval)', ...(q.by ?? []).map(ident)].join(', ');
  return `SELECT ${selectList(q.select)} FROM ${ident(q.measurement)} WHERE ${whereClause(q.scope, q.where)} GROUP BY ${by} fill(null)`;
}

/** A single-value query (stat panels, tables): one row per series over the whole range. */
export function valueQuery<M extends MeasurementName>(q: SeriesQuery<M>): string {
  const by = (q.by ?? []).map(ident);
  return `SELECT ${selectList(q.select)} FROM ${ident(q.measurement)} WHERE ${whereClause(q.scope, q.where)}${by.length ? ` GROUP BY ${by.join(', ')}` : ''}`;
}
