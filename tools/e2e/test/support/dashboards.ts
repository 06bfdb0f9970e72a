/**
 * The dashboards Grafana is provisioned with (packages/dashboards/dist/*.json, what the image
 * copies), and their queries as Grafana would send them to the stack's InfluxDB.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { allValues, fillMacros, panelQueries, type FtDashboard } from '@ft/dashboards';
import { REPO } from './stack.js';

export { emptyColumns } from '@ft/grafana/testing';
export { measurementsOf } from '@ft/dashboards';

export const DASHBOARD_DIR = path.join(REPO, 'packages/dashboards/dist');

export function provisionedDashboards(): FtDashboard[] {
  return readdirSync(DASHBOARD_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(DASHBOARD_DIR, f), 'utf8')) as FtDashboard);
}

export interface QueryWindow {
  fromMs: number;
  toMs: number;
  intervalMs: number;
}

/** Every target of the dashboard with its macros filled for the given $pod selection. */
export function filledQueries(d: FtDashboard, window: QueryWindow, pod: readonly string[]): Array<{ name: string; query: string }> {
  return panelQueries(d).map((q) => ({
    name: `${q.panelId} ${q.panel} ${q.target.refId}`,
    query: fillMacros(q.target.query, { ...window, variables: pod.length ? { pod } : {} }, allValues(d)),
  }));
}
