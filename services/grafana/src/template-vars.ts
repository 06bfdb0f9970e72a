/**
 * The values the templates in conf/ receive, and how secrets are written for Grafana so that it
 * reads them back unchanged (facts from Grafana's source: pkg/setting/expanders.go,
 * pkg/services/provisioning/values/values.go).
 */
import type { GrafanaContext } from './env.js';
import { bundledDashboardsDir, grafanaRunPaths } from './paths.js';

/** grafana.ini: `$__file{path}`, expanded once (the file expander runs last), content trimmed. */
export function iniFileRef(file: string): string {
  if (/[}\s]/.test(file)) throw new Error(`grafana: ${file} cannot be named in $__file{} (no } or white space)`);
  return `$__file{${file}}`;
}

/**
 * A provisioning value (datasource YAML): Grafana splits it on `$$`, then expands each part twice,
 * so every `$` is doubled; JSON quoting makes it one YAML double-quoted scalar whatever it holds.
 */
export function provisioningLiteral(value: string): string {
  return JSON.stringify(value.replaceAll('$', '$$$$'));
}

export function grafanaTemplateVars(ctx: GrafanaContext): Record<string, unknown> {
  const paths = grafanaRunPaths(ctx.agent.AGENT_RUN_DIR);
  return {
    provisioningDir: paths.provisioning,
    dashboardsDir: ctx.config.GRAFANA_DASHBOARDS_DIR ?? bundledDashboardsDir(),
    files: paths,
    fileRef: { adminPassword: iniFileRef(paths.adminPassword), secretKey: iniFileRef(paths.secretKey) },
    influxReadPassword: provisioningLiteral(ctx.config.INFLUXDB_READ_PASSWORD),
  };
}
