/**
 * grafana: Grafana with the InfluxDB datasource and the generated dashboards provisioned, admin
 * from the environment, no anonymous access, no sign-up.
 */
import { defineService, isMain, processNameLinkStep, runAgent } from '@ft/agent';
import { grafanaDirsStep } from './data-dir.js';
import { grafanaEnv } from './env.js';
import { grafanaChecks, grafanaCollectors, grafanaHealthCheck } from './monitoring.js';
import { bundledDashboardsDir, grafanaRunPaths } from './paths.js';
import { platforms } from './platform.js';

export const grafana = defineService({
  name: 'grafana',
  env: grafanaEnv,
  platforms,
  templateDir: new URL('../conf/', import.meta.url),
  templateVars: (ctx) => ({
    provisioningDir: grafanaRunPaths(ctx.agent.AGENT_RUN_DIR).provisioning,
    dashboardsDir: ctx.config.GRAFANA_DASHBOARDS_DIR ?? bundledDashboardsDir(),
  }),
  templates: (ctx) => {
    const paths = grafanaRunPaths(ctx.agent.AGENT_RUN_DIR);
    return [
      { source: 'grafana.ini', target: paths.ini },
      { source: 'provisioning/datasources/influxdb.yaml', target: `${paths.provisioning}/datasources/influxdb.yaml` },
      { source: 'provisioning/dashboards/ft-services.yaml', target: `${paths.provisioning}/dashboards/ft-services.yaml` },
    ];
  },
  init: (ctx) => {
    const paths = grafanaRunPaths(ctx.agent.AGENT_RUN_DIR);
    return [
      grafanaDirsStep({ dataDir: ctx.config.GRAFANA_DATA_DIR, provisioningDir: paths.provisioning, user: ctx.platform.user }),
      processNameLinkStep(ctx.platform.grafanaBin, paths.serverLink),
    ];
  },
  processes: (ctx) => {
    const paths = grafanaRunPaths(ctx.agent.AGENT_RUN_DIR);
    return [
      {
        name: 'grafana',
        // Through the grafana-server link, so that `pkill grafana-server` finds it.
        argv: [paths.serverLink, 'server', '--homepath', ctx.platform.home, '--config', paths.ini],
        user: ctx.platform.user,
        cwd: ctx.platform.home,
        // Secrets reach Grafana through its environment, never a file: GF_* overrides grafana.ini,
        // and the datasource file refers to FT_INFLUXDB_READ_PASSWORD.
        env: {
          GF_SECURITY_ADMIN_USER: ctx.config.GRAFANA_ADMIN_USER,
          GF_SECURITY_ADMIN_PASSWORD: ctx.config.GRAFANA_ADMIN_PASSWORD,
          GF_METRICS_BASIC_AUTH_USERNAME: ctx.config.GRAFANA_ADMIN_USER,
          GF_METRICS_BASIC_AUTH_PASSWORD: ctx.config.GRAFANA_ADMIN_PASSWORD,
          FT_INFLUXDB_READ_PASSWORD: ctx.config.INFLUXDB_READ_PASSWORD,
        },
        // The first start runs Grafana's database migrations: minutes on a small node.
        ready: { probe: grafanaHealthCheck(ctx.config), timeoutMs: 300_000, intervalMs: 500 },
      },
    ];
  },
  checks: (ctx) => grafanaChecks(ctx.config),
  collectors: (ctx) => grafanaCollectors(ctx.config),
  volumes: (ctx) => [ctx.config.GRAFANA_DATA_DIR],
});

if (isMain(import.meta.url)) runAgent(grafana);
