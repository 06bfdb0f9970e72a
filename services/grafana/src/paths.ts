/** Paths the definition and its tests share. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { processNameLink } from '@ft/agent';

export interface GrafanaRunPaths {
  /** The rendered grafana.ini (--config). */
  ini: string;
  provisioning: string;
  /** A link named grafana-server to the platform's binary, which the agent starts: `pkill grafana-server` finds it. */
  serverLink: string;
}

/** Rendered grafana.ini, provisioning tree and the grafana-server link under the agent's run dir. */
export function grafanaRunPaths(runDir: string): GrafanaRunPaths {
  const root = path.join(runDir, 'grafana');
  return { ini: path.join(root, 'grafana.ini'), provisioning: path.join(root, 'provisioning'), serverLink: processNameLink(runDir, 'grafana-server') };
}

/**
 * The generated dashboards sit beside the agent bundle: dist/dashboards/ here (copied by the
 * build), /dashboards/ beside /agent.js in the image.
 */
export function bundledDashboardsDir(): string {
  return fileURLToPath(new URL('./dashboards', import.meta.url));
}
