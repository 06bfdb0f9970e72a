/**
 * The build step: writes every dashboard as <uid>.json into the directory given (dist/), after
 * checking it, so an invalid dashboard fails the build instead of reaching Grafana.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { allDashboards } from './dashboards/index.js';
import { dashboardProblems } from './validate.js';

export async function writeDashboards(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  for (const f of await readdir(dir)) if (f.endsWith('.json')) await rm(path.join(dir, f));
  const written: string[] = [];
  for (const d of allDashboards()) {
    const problems = dashboardProblems(d);
    if (problems.length > 0) throw new Error(`dashboard ${d.uid} is invalid:\n  ${problems.join('\n  ')}`);
    const file = path.join(dir, `${d.uid}.json`);
    await writeFile(file, `${JSON.stringify(d, null, 2)}\n`);
    written.push(file);
  }
  return written;
}
