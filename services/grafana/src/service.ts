/**
 * grafana: Grafana with the InfluxDB datasource and the generated dashboards provisioned, admin
 * from the environment, no anonymous access, no sign-up.
 */
import { defineService } from '@ft/agent';
import { grafanaChecks, grafanaHealthCheck } from './checks.js';
import { grafanaCollectors } from './collectors.js';
import { grafanaEnv } from './env.js';
import { grafanaInitSteps } from './init.js';
import { grafanaRunPaths } from './paths.js';
import { platforms } from './platform.js';
import { grafanaTemplateVars } from './template-vars.js';

export const grafana = defineService({
  name: 'grafana',
  env: grafanaEnv,
  platforms,
  templateDir: new URL('../conf/', import.meta.url),
  templateVars: (ctx) => grafanaTemplateVars(ctx),
  templates: (ctx) => {
    const paths = grafanaRunPaths(ctx.agent.AGENT_RUN_DIR);
    // The files holding a secret are Grafana's own, readable by nobody else.
    const secret = { mode: 0o600, owner: ctx.platform.user };
    return [
      { source: 'grafana.ini', target: paths.ini },
      { source: 'provisioning/datasources/influxdb.yaml', target: `${paths.provisioning}/datasources/influxdb.yaml`, ...secret },
      { source: 'provisioning/dashboards/ft-services.yaml', target: `${paths.provisioning}/dashboards/ft-services.yaml` },
      { source: 'secrets/admin-password', target: paths.adminPassword, ...secret },
      { source: 'secrets/secret-key', target: paths.secretKey, ...secret },
    ];
  },
  init: (ctx) => grafanaInitSteps(ctx),
  processes: (ctx) => {
    const paths = grafanaRunPaths(ctx.agent.AGENT_RUN_DIR);
    return [
      {
        name: 'grafana',
        // Through the grafana-server link, so that `pkill grafana-server` finds it.
        argv: [paths.serverLink, 'server', '--homepath', ctx.platform.home, '--config', paths.ini],
        user: ctx.platform.user,
        cwd: ctx.platform.home,
        // No secret in Grafana's environment: grafana.ini reads them from its files ($__file{}),
        // where Grafana's expanders cannot rewrite them (see conf/grafana.ini).
        // The first start runs Grafana's database migrations: minutes on a small node.
        ready: { probe: grafanaHealthCheck(ctx.config), timeoutMs: 300_000, intervalMs: 500 },
      },
    ];
  },
  checks: (ctx) => grafanaChecks(ctx.config),
  collectors: (ctx) => grafanaCollectors(ctx.config),
  volumes: (ctx) => [ctx.config.GRAFANA_DATA_DIR],
});
