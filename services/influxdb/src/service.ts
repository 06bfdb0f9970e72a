/**
 * influxdb: InfluxDB 1.x (InfluxQL and the v1 /write API), authentication on, data on the volume.
 * Every start first brings users, database and retention to the declared state through a temporary
 * influxd (bootstrap-step.ts), then runs the real one as its own user.
 */
import { defineService } from '@ft/agent';
import { influxdbChecks, readProbe } from './checks.js';
import { influxdbCollector } from './collectors.js';
import { influxdbEnv } from './env.js';
import { influxdbInitSteps } from './init.js';
import { localUrl } from './listen-address.js';
import { confPaths, daemonUser, dataPaths } from './paths.js';
import { platforms } from './platform.js';
import { daemonConfVars, daemonTemplate } from './template-vars.js';

const templateDir = new URL('../conf/', import.meta.url);

export const influxdb = defineService({
  name: 'influxdb',
  env: influxdbEnv,
  platforms,
  templateDir,
  templates: (ctx) => [daemonTemplate(ctx)],
  templateVars: (ctx) => ({ influxd: daemonConfVars(ctx) }),
  init: (ctx) => influxdbInitSteps(ctx, templateDir),
  processes: (ctx) => [
    {
      name: 'influxd',
      argv: [ctx.platform.influxd, 'run', '-config', confPaths(ctx).daemon],
      user: daemonUser(ctx),
      // Ready once Grafana's path works: authenticated, the database there.
      ready: { probe: readProbe(ctx), timeoutMs: 180_000, intervalMs: 250 },
    },
  ],
  checks: (ctx) => influxdbChecks(ctx),
  collectors: (ctx) => [
    influxdbCollector({
      url: localUrl(ctx.config.LISTEN_HOST, ctx.config.INFLUXDB_PORT),
      user: ctx.config.INFLUXDB_ADMIN_USER,
      password: ctx.config.INFLUXDB_ADMIN_PASSWORD,
      processes: ctx.processes,
      process: 'influxd',
    }),
  ],
  volumes: (ctx) => [dataPaths(ctx).root],
});
