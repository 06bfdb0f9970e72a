/**
 * The influxdb check: /ping, then an authenticated InfluxQL query as the read-only user, on the
 * database (SHOW RETENTION POLICIES fails when it is missing). The read user rather than the write
 * user: a check must not write points into the metrics, and this is the path Grafana takes.
 */
import { influxdbCheck, type CheckSpec, type Probe } from '@ft/agent';
import type { InfluxdbContext } from './env.js';
import { localUrl } from './listen-address.js';

export function readProbe(ctx: InfluxdbContext): Probe {
  return influxdbCheck({
    url: localUrl(ctx.config.LISTEN_HOST, ctx.config.INFLUXDB_PORT),
    user: ctx.config.INFLUXDB_READ_USER,
    password: ctx.config.INFLUXDB_READ_PASSWORD,
    db: ctx.config.INFLUXDB_DB,
    mode: 'query',
  });
}

/** The service's one check; the daemon's readiness uses the same probe (service.ts). */
export function influxdbChecks(ctx: InfluxdbContext): CheckSpec[] {
  return [{ name: 'influxdb', probe: readProbe(ctx), intervalMs: 10_000, timeoutMs: 5_000 }];
}
