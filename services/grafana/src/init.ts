/** The container's init steps, in order: TLS certificate (Grafana's), its directories, the process-name link. */
import { processNameLinkStep, tlsCertStep, type InitStep } from '@ft/agent';
import { grafanaDirsStep } from './data-dir.js';
import type { GrafanaContext } from './env.js';
import { grafanaRunPaths } from './paths.js';

export function grafanaInitSteps(ctx: GrafanaContext): InitStep[] {
  const paths = grafanaRunPaths(ctx.agent.AGENT_RUN_DIR);
  return [
    tlsCertStep({
      certPath: paths.cert,
      keyPath: paths.key,
      certPem: ctx.config.TLS_CERT,
      keyPem: ctx.config.TLS_KEY,
      commonName: 'grafana',
      owner: ctx.platform.user,
    }),
    grafanaDirsStep({ dataDir: ctx.config.GRAFANA_DATA_DIR, provisioningDir: paths.provisioning, user: ctx.platform.user }),
    processNameLinkStep(ctx.platform.grafanaBin, paths.serverLink),
  ];
}
