/** Paths the definition and its tests share. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Rendered grafana.ini and provisioning tree under the agent's run dir. */
export function grafanaRunPaths(runDir: string): { ini: string; provisioning: string } {
  const root = path.join(runDir, 'grafana');
  return { ini: path.join(root, 'grafana.ini'), provisioning: path.join(root, 'provisioning') };
}

/**
 * The generated dashboards sit beside the agent bundle: dist/dashboards/ here (copied by the
 * build), /dashboards/ beside /agent.js in the image.
 */
export function bundledDashboardsDir(): string {
  return fileURLToPath(new URL('./dashboards', import.meta.url));
}
