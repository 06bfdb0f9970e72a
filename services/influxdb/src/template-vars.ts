/** The values conf/influxdb.conf takes, for the daemon and for the bootstrap instance. */
import { hostPort } from '@ft/agent';
import type { InfluxdbContext } from './env.js';
import { confPaths, daemonUser, dataPaths } from './paths.js';
import type { TemplateSpec } from '@ft/agent';

export interface InfluxdConfVars {
  httpBind: string;
  rpcBind: string;
  authEnabled: boolean;
  /** The bootstrap's one-time JWT secret; the daemon has none (bearer tokens refused). */
  sharedSecret?: string;
  metaDir: string;
  dataDir: string;
  walDir: string;
}

const CONF_TEMPLATE = 'influxdb.conf';

/** The daemon: the public listener, authentication on. */
export function daemonConfVars(ctx: InfluxdbContext): InfluxdConfVars {
  return {
    ...paths(ctx),
    httpBind: hostPort(ctx.config.LISTEN_HOST, ctx.config.INFLUXDB_PORT),
    rpcBind: hostPort('127.0.0.1', ctx.config.STATUS_PORT),
    authEnabled: true,
  };
}

/**
 * The bootstrap instance, on loopback, on a free port, for a few seconds: authentication on, and
 * the agent authenticates as the admin with a JWT signed by a secret made for this run
 * (bootstrap-token.ts), so a rotated admin password can still be reset, while another user of the
 * host who finds the port gets 401. On an empty data dir influxd lets anyone create the first admin;
 * the agent does that in its first request. Its RPC listener takes any free port: nothing backs up
 * through it.
 */
export function bootstrapConfVars(ctx: InfluxdbContext, httpPort: number, sharedSecret: string): InfluxdConfVars {
  return { ...paths(ctx), httpBind: hostPort('127.0.0.1', httpPort), rpcBind: '127.0.0.1:0', authEnabled: true, sharedSecret };
}

export function daemonTemplate(ctx: InfluxdbContext): TemplateSpec {
  return { source: CONF_TEMPLATE, target: confPaths(ctx).daemon, mode: 0o644 };
}

/** Holds the run's shared secret: influxd's user alone reads it. */
export function bootstrapTemplate(ctx: InfluxdbContext): TemplateSpec {
  const owner = daemonUser(ctx);
  return { source: CONF_TEMPLATE, target: confPaths(ctx).bootstrap, mode: 0o600, ...(owner ? { owner } : {}) };
}

function paths(ctx: InfluxdbContext): Pick<InfluxdConfVars, 'metaDir' | 'dataDir' | 'walDir'> {
  const p = dataPaths(ctx);
  return { metaDir: p.meta, dataDir: p.data, walDir: p.wal };
}
