import { SERVICES } from '@ft/platform';
import { defaultDashboard } from '@grafana/schema';
import { describe, expect, it } from 'vitest';
import { allDashboards } from './dashboards/index.js';
import { SCHEMA_VERSION, type FtDashboard, type FtPanel } from './model.js';
import { dashboardProblems } from './validate.js';

const clone = (d: FtDashboard): FtDashboard => JSON.parse(JSON.stringify(d)) as FtDashboard;
const firstPanel = (d: FtDashboard): FtPanel => d.panels.find((p) => p.type !== 'row') as FtPanel;

describe('generated dashboards', () => {
  const dashboards = allDashboards();

  it('one per service and an overview, with unique uids', () => {
    expect(dashboards.map((d) => d.uid).sort()).toEqual(['ft-overview', ...SERVICES.map((s) => `ft-${s}`)].sort());
    expect([...SERVICES].sort()).toEqual(['ftps', 'grafana', 'influxdb', 'mysql', 'nginx', 'phpmyadmin', 'wordpress']);
  });

  it('use the schema version of the Grafana release Alpine ships (@grafana/schema 12.4)', () => {
    expect(SCHEMA_VERSION).toBe(defaultDashboard.schemaVersion);
  });

  it.each(dashboards.map((d) => [d.uid, d] as const))('%s is valid for Grafana 12', (_uid, d) => {
    expect(dashboardProblems(JSON.parse(JSON.stringify(d)))).toEqual([]);
  });

  it('every service dashboard shows resources, processes, checks and its own figures, filtered by its service', () => {
    for (const service of SERVICES) {
      const d = dashboards.find((x) => x.uid === `ft-${service}`) as FtDashboard;
      const rows = d.panels.filter((p) => p.type === 'row').map((p) => p.title);
      expect(rows.slice(0, 4)).toEqual(['Health', 'Container resources', 'Processes', 'Checks']);
      expect(rows.length).toBeGreaterThan(4);
      for (const p of d.panels) for (const t of p.targets ?? []) expect(t.query).toContain(`"service" = '${service}'`);
    }
  });
});

describe('dashboardProblems catches what Grafana would choke on', () => {
  const base = allDashboards()[0] as FtDashboard;

  it('duplicate panel ids', () => {
    const d = clone(base);
    (d.panels[2] as FtPanel).id = (d.panels[1] as FtPanel).id;
    expect(dashboardProblems(d).join('\n')).toMatch(/duplicate panel id/);
  });

  it('a panel wider than the 24-column grid', () => {
    const d = clone(base);
    firstPanel(d).gridPos = { x: 20, y: 0, w: 8, h: 4 };
    expect(dashboardProblems(d).join('\n')).toMatch(/exceeds 24 columns/);
  });

  it('a datasource uid that is not the provisioned one', () => {
    const d = clone(base);
    firstPanel(d).datasource = { type: 'influxdb', uid: 'other' };
    expect(dashboardProblems(d).join('\n')).toMatch(/datasource must be the provisioned influxdb uid influxdb/);
  });

  it('a target without rawQuery or query', () => {
    const d = clone(base);
    const t = firstPanel(d).targets?.[0] as unknown as Record<string, unknown>;
    delete t['rawQuery'];
    expect(dashboardProblems(d).join('\n')).toMatch(/rawQuery/);
    const e = clone(base);
    (firstPanel(e).targets?.[0] as unknown as Record<string, unknown>)['query'] = '';
    expect(dashboardProblems(e).length).toBeGreaterThan(0);
  });

  it('a query without $timeFilter, an unknown variable, overlapping panels', () => {
    const d = clone(base);
    const t = firstPanel(d).targets?.[0] as { query: string };
    t.query = 'SELECT last("ready") FROM "health" WHERE "pod" =~ /^$nosuch$/';
    const problems = dashboardProblems(d).join('\n');
    expect(problems).toMatch(/without \$timeFilter/);
    expect(problems).toMatch(/unknown variable \$nosuch/);
    const o = clone(base);
    const panels = o.panels.filter((p) => p.type !== 'row') as FtPanel[];
    (panels[1] as FtPanel).gridPos = { ...(panels[0] as FtPanel).gridPos };
    expect(dashboardProblems(o).join('\n')).toMatch(/overlap/);
  });

  it('a wrong schema version or an unknown panel type', () => {
    const d = clone(base) as unknown as Record<string, unknown>;
    d['schemaVersion'] = 16;
    expect(dashboardProblems(d).join('\n')).toMatch(/schemaVersion/);
    const e = clone(base);
    firstPanel(e).type = 'graph';
    expect(dashboardProblems(e).join('\n')).toMatch(/type/);
  });
});
