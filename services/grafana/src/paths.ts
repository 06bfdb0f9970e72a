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
  /** Grafana's TLS certificate and key (the platform's, or a self-signed one). */
  cert: string;
  key: string;
  /** Secrets grafana.ini reads through $__file{}: the grafana user's, mode 600. */
  adminPassword: string;
  secretKey: string;
}

/** Rendered grafana.ini, provisioning tree, TLS and secret files and the grafana-server link under the agent's run dir. */
export function grafanaRunPaths(runDir: string): GrafanaRunPaths {
  const root = path.join(runDir, 'grafana');
  return {
    ini: path.join(root, 'grafana.ini'),
    provisioning: path.join(root, 'provisioning'),
    serverLink: processNameLink(runDir, 'grafana-server'),
    cert: path.join(root, 'tls', 'grafana.crt'),
    key: path.join(root, 'tls', 'grafana.key'),
    adminPassword: path.join(root, 'secrets', 'admin-password'),
    secretKey: path.join(root, 'secrets', 'secret-key'),
  };
}

/**
 * The generated dashboards sit beside the agent bundle: dist/dashboards/ here (copied by the
 * build), /dashboards/ beside /agent.js in the image.
 */
export function bundledDashboardsDir(): string {
  return fileURLToPath(new URL('./dashboards', import.meta.url));
}
