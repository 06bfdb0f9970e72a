/**
 * Grafana's macros filled in as Grafana 12's InfluxDB datasource fills them in InfluxQL mode, so a
 * test can run the very text Grafana would send: $timeFilter -> `time >= <from>ms and time <= <to>ms`,
 * $__interval -> an InfluxQL duration, $__interval_ms -> milliseconds, template variables in
 * regex position -> an escaped value or `(a|b)`.
 */
import type { FtDashboard, InfluxTarget } from './model.js';

export interface MacroContext {
  fromMs: number;
  toMs: number;
  intervalMs: number;
  /** Template variable -> selected values; '$__all' stands for the variable's allValue. */
  variables?: Readonly<Record<string, readonly string[]>>;
}

/** Grafana's escapeRegex: the characters a regex treats specially, backslash-escaped. */
export function escapeRegex(value: string): string {
  return value.replace(/[\\^$*+?.()|[\]{}/]/g, '\\$&');
}

/** ms -> InfluxQL duration literal (the largest unit that divides it). */
export function influxDuration(ms: number): string {
  const units: Array<[string, number]> = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1_000],
  ];
  for (const [unit, size] of units) if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  return `${ms}ms`;
}

export function fillMacros(query: string, ctx: MacroContext, allValues: Readonly<Record<string, string>> = {}): string {
  let out = query
    .replace(/\$timeFilter\b/g, `time >= ${ctx.fromMs}ms and time <= ${ctx.toMs}ms`)
    .replace(/\$__interval_ms\b/g, String(ctx.intervalMs))
    .replace(/\$__interval\b/g, influxDuration(ctx.intervalMs));
  for (const [name, values] of Object.entries(ctx.variables ?? {})) {
    const formatted =
      values.length === 1 && values[0] === '$__all'
        ? (allValues[name] ?? '.*')
        : values.length === 1
          ? escapeRegex(values[0] as string)
          : `(${values.map(escapeRegex).join('|')})`;
    out = out.replace(new RegExp(`\\$${name}\\b|\\$\\{${name}\\}`, 'g'), () => formatted);
  }
  const left = /\$[A-Za-z_]\w*/.exec(out);
  if (left) throw new Error(`query still holds ${left[0]} after filling the macros: ${out}`);
  return out;
}

export interface PanelQuery {
  dashboard: string;
  panelId: number;
  panel: string;
  target: InfluxTarget;
}

/** Every target of every panel of a dashboard, in order. */
export function panelQueries(d: FtDashboard): PanelQuery[] {
  const out: PanelQuery[] = [];
  for (const p of d.panels) {
    for (const target of p.targets ?? []) out.push({ dashboard: d.uid, panelId: p.id, panel: p.title, target });
  }
  return out;
}

/** The custom "All" value of each variable that declares one. */
export function allValues(d: FtDashboard): Record<string, string> {
  return Object.fromEntries(d.templating.list.filter((v) => typeof v.allValue === 'string').map((v) => [v.name, v.allValue as string]));
}
