/**
 * Panel builders and a grid that places them: panels flow left to right in rows of 24 columns,
 * each section starts with a row header, and ids are handed out in order, so no panel is placed
 * or numbered by hand.
 */
import type { MeasurementName } from '@ft/platform';
import { graphQuery, valueQuery, type SeriesQuery } from './influxql.js';
import { DATASOURCE, type FtPanel, type FtRow, type InfluxTarget } from './model.js';

export const GRID_COLUMNS = 24;

/** What a panel says before it is placed on the grid. */
export interface PanelSpec {
  title: string;
  description?: string;
  type: 'timeseries' | 'stat' | 'table';
  /** Width in grid columns (default 12) and height in rows (default 8). */
  w?: number;
  h?: number;
  /** Grafana unit id: percent, bytes, Bps, s, ms, reqps, short, none. */
  unit?: string;
  queries: ReadonlyArray<{ query: string; alias?: string; format?: InfluxTarget['resultFormat'] }>;
  /** stat: value -> text (1 -> UP, 0 -> DOWN) with colours. */
  mappings?: ReadonlyArray<{ value: number; text: string; color: string }>;
  /** timeseries: stack the series (sums such as per-service memory). */
  stacked?: boolean;
  min?: number;
  max?: number;
  /** Grafana transformations applied to the query results, in order (e.g. organize for column order). */
  transformations?: ReadonlyArray<{ id: string; options: Record<string, unknown> }>;
}

export interface Section {
  title: string;
  panels: readonly PanelSpec[];
}

/** A time-series panel of one graph query, half the grid wide unless `extra` says otherwise. */
export function graphPanel<M extends MeasurementName>(title: string, query: SeriesQuery<M>, alias: string, extra: Partial<PanelSpec> = {}): PanelSpec {
  return { title, type: 'timeseries', w: 12, queries: [{ query: graphQuery(query), alias }], ...extra };
}

/** A stat panel of one value query: one value per series. */
export function statPanel<M extends MeasurementName>(title: string, query: SeriesQuery<M>, alias: string, extra: Partial<PanelSpec> = {}): PanelSpec {
  return { title, type: 'stat', queries: [{ query: valueQuery(query), alias }], ...extra };
}

const REF_IDS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function targets(spec: PanelSpec): InfluxTarget[] {
  return spec.queries.map((q, i) => ({
    refId: REF_IDS[i] ?? `Q${i}`,
    datasource: DATASOURCE,
    rawQuery: true,
    query: q.query,
    resultFormat: q.format ?? (spec.type === 'table' ? 'table' : 'time_series'),
    ...(q.alias ? { alias: q.alias } : {}),
  }));
}

function fieldConfig(spec: PanelSpec): FtPanel['fieldConfig'] {
  const defaults: Record<string, unknown> = { unit: spec.unit ?? 'short' };
  if (spec.min !== undefined) defaults['min'] = spec.min;
  if (spec.max !== undefined) defaults['max'] = spec.max;
  if (spec.mappings) {
    defaults['mappings'] = [
      {
        type: 'value',
        options: Object.fromEntries(spec.mappings.map((m, index) => [String(m.value), { text: m.text, color: m.color, index }])),
      },
    ];
    defaults['color'] = { mode: 'thresholds' };
    defaults['thresholds'] = {
      mode: 'absolute',
      steps: [
        { color: 'red', value: null },
        { color: 'green', value: 1 },
      ],
    };
  }
  if (spec.type === 'timeseries') {
    defaults['custom'] = {
      drawStyle: 'line',
      lineWidth: 1,
      fillOpacity: spec.stacked ? 30 : 10,
      spanNulls: true,
      showPoints: 'never',
      stacking: { mode: spec.stacked ? 'normal' : 'none', group: 'A' },
    };
  }
  return { defaults, overrides: [] };
}

function options(spec: PanelSpec): Record<string, unknown> {
  switch (spec.type) {
    case 'timeseries':
      return { legend: { displayMode: 'list', placement: 'bottom', showLegend: true }, tooltip: { mode: 'multi', sort: 'desc' } };
    case 'stat':
      return {
        reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
        colorMode: spec.mappings ? 'background' : 'value',
        graphMode: 'none',
        textMode: 'value_and_name',
        orientation: 'auto',
        justifyMode: 'auto',
      };
    case 'table':
      return { showHeader: true, cellHeight: 'sm' };
  }
}

/** Places sections on the grid; returns the dashboard's panels list (rows + panels). */
export function layout(sections: readonly Section[]): Array<FtPanel | FtRow> {
  const out: Array<FtPanel | FtRow> = [];
  let id = 1;
  let y = 0;
  for (const section of sections) {
    out.push({ type: 'row', id: id++, title: section.title, collapsed: false, panels: [], gridPos: { x: 0, y, w: GRID_COLUMNS, h: 1 } });
    y += 1;
    let x = 0;
    let rowHeight = 0;
    for (const spec of section.panels) {
      const w = Math.min(spec.w ?? 12, GRID_COLUMNS);
      const h = spec.h ?? 8;
      if (x + w > GRID_COLUMNS) {
        y += rowHeight;
        x = 0;
        rowHeight = 0;
      }
      out.push({
        id: id++,
        type: spec.type,
        title: spec.title,
        ...(spec.description ? { description: spec.description } : {}),
        datasource: DATASOURCE,
        gridPos: { x, y, w, h },
        targets: targets(spec),
        fieldConfig: fieldConfig(spec),
        options: options(spec),
        ...(spec.transformations ? { transformations: spec.transformations.map((t) => ({ ...t })) } : {}),
      });
      x += w;
      rowHeight = Math.max(rowHeight, h);
    }
    y += rowHeight;
  }
  return out;
}
