/**
 * The influxdb check: /ping, then an authenticated InfluxQL query as the read-only user, on the
 * database (SHOW RETENTION POLICIES fails when it is missing). The read user rather than the write
 * user: a check must not write points into the metrics, and this is the path Grafana takes.
 */
import { influxdbCheck, type Probe } from '@ft/agent';
import type { InfluxdbContext } from './context.js';
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
