/** The values conf/influxdb.conf takes, for the daemon and for the bootstrap instance. */
import { hostPort } from '@ft/agent';
import { confPaths, dataPaths, type InfluxdbContext } from './context.js';
import type { TemplateSpec } from '@ft/agent';

export interface InfluxdConfVars {
  httpBind: string;
  rpcBind: string;
  authEnabled: boolean;
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
 * The bootstrap instance: authentication off (the only way to reset a forgotten or rotated admin
 * password), so it listens on loopback only, on a port nobody else knows, for a few seconds. Its RPC
 * listener takes any free port: nothing backs up through it.
 */
export function bootstrapConfVars(ctx: InfluxdbContext, httpPort: number): InfluxdConfVars {
  return { ...paths(ctx), httpBind: hostPort('127.0.0.1', httpPort), rpcBind: '127.0.0.1:0', authEnabled: false };
}

export function daemonTemplate(ctx: InfluxdbContext): TemplateSpec {
  return { source: CONF_TEMPLATE, target: confPaths(ctx).daemon, mode: 0o644 };
}

export function bootstrapTemplate(ctx: InfluxdbContext): TemplateSpec {
  return { source: CONF_TEMPLATE, target: confPaths(ctx).bootstrap, mode: 0o644 };
}

function paths(ctx: InfluxdbContext): Pick<InfluxdConfVars, 'metaDir' | 'dataDir' | 'walDir'> {
  const p = dataPaths(ctx);
  return { metaDir: p.meta, dataDir: p.data, walDir: p.wal };
}
