/**
 * Checks a dashboard JSON against what Grafana 12.4 reads: the fields of its dashboard model
 * (a zod schema of the subset we emit, typed after @grafana/schema) and the rules Grafana does not
 * state in a schema but a working dashboard needs: unique panel ids, panels inside the 24-column
 * grid and not overlapping, the provisioned datasource uid, raw InfluxQL targets with $timeFilter.
 */
import { z } from 'zod';
import { DATASOURCE_TYPE, DATASOURCE_UID, SCHEMA_VERSION } from './model.js';
import { GRID_COLUMNS } from './panels.js';

/** Core panel plugins of Grafana 12 (no plugin install needed). */
const CORE_PANEL_TYPES = [
  'row',
  'timeseries',
  'stat',
  'table',
  'gauge',
  'bargauge',
  'state-timeline',
  'status-history',
  'text',
  'piechart',
  'barchart',
] as const;

const gridPos = z.object({ x: z.number().int().min(0), y: z.number().int().min(0), w: z.number().int().min(1), h: z.number().int().min(1) });
const datasourceRef = z.object({ type: z.string(), uid: z.string() });

const influxTarget = z.object({
  refId: z.string().min(1),
  datasource: datasourceRef,
  rawQuery: z.literal(true),
  query: z.string().min(1),
  resultFormat: z.enum(['time_series', 'table', 'logs']),
  alias: z.string().optional(),
  hide: z.boolean().optional(),
});

const panel = z.object({
  id: z.number().int().positive(),
  type: z.enum(CORE_PANEL_TYPES),
  title: z.string().min(1),
  description: z.string().optional(),
  gridPos,
  datasource: datasourceRef.optional(),
  targets: z.array(influxTarget).optional(),
  fieldConfig: z.object({ defaults: z.record(z.string(), z.unknown()), overrides: z.array(z.unknown()) }).optional(),
  options: z.record(z.string(), z.unknown()).optional(),
  collapsed: z.boolean().optional(),
  panels: z.array(z.unknown()).optional(),
});

const variable = z.object({
  name: z.string().regex(/^\w+$/),
  type: z.enum(['query', 'custom', 'constant', 'interval', 'textbox', 'datasource']),
  datasource: datasourceRef.optional(),
  query: z.string().min(1),
  includeAll: z.boolean().optional(),
  allValue: z.string().optional(),
  multi: z.boolean().optional(),
  refresh: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
});

const dashboardSchema = z.object({
  uid: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'Grafana uids are at most 40 characters of letters, digits, - and _'),
  title: z.string().min(1),
  schemaVersion: z.literal(SCHEMA_VERSION),
  tags: z.array(z.string()).optional(),
  time: z.object({ from: z.string(), to: z.string() }),
  refresh: z.string().optional(),
  editable: z.boolean().optional(),
  panels: z.array(panel).min(1),
  templating: z.object({ list: z.array(variable) }),
  annotations: z.object({ list: z.array(z.unknown()) }).optional(),
  // Provisioned dashboards must not carry a numeric id: Grafana assigns it.
  id: z.null().optional(),
});

type CheckedDashboard = z.infer<typeof dashboardSchema>;

/** Problems of one dashboard as readable lines; [] when it is valid. */
export function dashboardProblems(json: unknown): string[] {
  const parsed = dashboardSchema.safeParse(json);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  const d = parsed.data;
  const problems: string[] = [];
  const ids = new Set<number>();
  const variables = new Set(d.templating.list.map((v) => v.name));
  for (const p of d.panels) {
    const where = `panel ${p.id} "${p.title}"`;
    if (ids.has(p.id)) problems.push(`${where}: duplicate panel id`);
    ids.add(p.id);
    if (p.gridPos.x + p.gridPos.w > GRID_COLUMNS) problems.push(`${where}: gridPos x ${p.gridPos.x} + w ${p.gridPos.w} exceeds ${GRID_COLUMNS} columns`);
    if (p.type === 'row') {
      if (p.targets?.length) problems.push(`${where}: a row has no queries`);
      continue;
    }
    if (!p.datasource || p.datasource.uid !== DATASOURCE_UID || p.datasource.type !== DATASOURCE_TYPE) {
      problems.push(`${where}: datasource must be the provisioned ${DATASOURCE_TYPE} uid ${DATASOURCE_UID}`);
    }
    if (!p.targets || p.targets.length === 0) problems.push(`${where}: no queries`);
    const refIds = new Set<string>();
    for (const t of p.targets ?? []) {
      if (refIds.has(t.refId)) problems.push(`${where}: duplicate refId ${t.refId}`);
      refIds.add(t.refId);
      if (t.datasource.uid !== DATASOURCE_UID) problems.push(`${where} ${t.refId}: target datasource uid ${t.datasource.uid}`);
      if (!/\$timeFilter\b/.test(t.query)) problems.push(`${where} ${t.refId}: query without $timeFilter reads the whole retention`);
      if (!/^SELECT\s/i.test(t.query)) problems.push(`${where} ${t.refId}: not a SELECT`);
      for (const m of t.query.matchAll(/\$(\w+)/g)) {
        const name = m[1] as string;
        if (name !== 'timeFilter' && !name.startsWith('__') && !variables.has(name)) problems.push(`${where} ${t.refId}: unknown variable $${name}`);
      }
    }
  }
  problems.push(...overlaps(d.panels));
  return problems;
}

function overlaps(panels: CheckedDashboard['panels']): string[] {
  const out: string[] = [];
  panels.forEach((a, i) => {
    for (const b of panels.slice(i + 1)) {
      const ga = a.gridPos;
      const gb = b.gridPos;
      if (ga.x < gb.x + gb.w && gb.x < ga.x + ga.w && ga.y < gb.y + gb.h && gb.y < ga.y + ga.h) {
        out.push(`panels ${a.id} and ${b.id} overlap on the grid`);
      }
    }
  });
  return out;
}
