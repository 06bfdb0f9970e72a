/**
 * The init step that brings the data directory to the declared state (see desired-state.ts) through
 * a temporary influxd bound to loopback on a free port, authentication on, the agent authenticated
 * as the admin by a token of this run's secret (template-vars.ts), stopped before the real daemon
 * starts.
 */
import { freePort, InfluxClient, renderTemplates, withTemporaryDaemon, writeRendered, type InitStep } from '@ft/agent';
import { bootstrapToken, newSharedSecret } from './bootstrap-token.js';
import { applyDesiredState, type DesiredState } from './desired-state.js';
import type { InfluxdbContext } from './env.js';
import { confPaths, daemonUser } from './paths.js';
import { bootstrapConfVars, bootstrapTemplate } from './template-vars.js';

/** Opening a large data directory (the inmem index is rebuilt from the shards) takes a while. */
const READY_TIMEOUT_MS = 180_000;

function desiredState(ctx: InfluxdbContext): DesiredState {
  const c = ctx.config;
  return {
    db: c.INFLUXDB_DB,
    retention: c.INFLUXDB_RETENTION,
    admin: { user: c.INFLUXDB_ADMIN_USER, password: c.INFLUXDB_ADMIN_PASSWORD },
    writer: { user: c.INFLUXDB_WRITE_USER, password: c.INFLUXDB_WRITE_PASSWORD },
    reader: { user: c.INFLUXDB_READ_USER, password: c.INFLUXDB_READ_PASSWORD },
  };
}

export interface BootstrapInfluxd {
  /** Base URL of its HTTP listener. */
  url: string;
  /** This run's shared secret: tokens signed with it authenticate (bootstrap-token.ts). */
  secret: string;
}

/**
 * Renders the bootstrap configuration (a free loopback port, a new secret), runs `steps` against a
 * temporary influxd started on it, and stops it on every way out.
 */
export async function withBootstrapInfluxd<R>(ctx: InfluxdbContext, templateDir: URL, steps: (influxd: BootstrapInfluxd) => Promise<R>): Promise<R> {
  const port = await freePort();
  const secret = newSharedSecret();
  const spec = bootstrapTemplate(ctx);
  const vars = { ...ctx.config, platform: ctx.platform, agent: ctx.agent, influxd: bootstrapConfVars(ctx, port, secret) };
  // The same template as the daemon's, through the same strict renderer, with other values.
  await writeRendered(await renderTemplates(templateDir, [spec], vars));

  const url = `http://127.0.0.1:${port}`;
  // For /ping only; without keep-alive, so no socket outlives the daemon.
  const ping = new InfluxClient({ url, keepAlive: false });
  return withTemporaryDaemon(
    {
      name: 'influxd-bootstrap',
      argv: [ctx.platform.influxd, 'run', '-config', confPaths(ctx).bootstrap],
      user: daemonUser(ctx),
      log: ctx.log,
      signal: ctx.signal,
      connect: () => ping.ping(AbortSignal.timeout(2_000)),
      readyTimeoutMs: READY_TIMEOUT_MS,
      retryMs: 100,
      // SIGTERM: influxd closes its files cleanly.
      stopTimeoutMs: 30_000,
    },
    () => steps({ url, secret }),
  );
}

export function bootstrapStep(ctx: InfluxdbContext, templateDir: URL): InitStep {
  return {
    name: 'apply users, database and retention',
    async run() {
      ctx.progress('starting a temporary influxd');
      await withBootstrapInfluxd(ctx, templateDir, async ({ url, secret }) => {
        ctx.progress('applying users, database and retention');
        // As the admin, by this run's token. 30 s per request: a CREATE USER hashes with bcrypt,
        // which is slow on a busy node. Stopping the agent cuts the requests with the socket.
        const client = new InfluxClient({ url, timeoutMs: 30_000, bearer: bootstrapToken(secret, ctx.config.INFLUXDB_ADMIN_USER) });
        const cut = (): void => client.close();
        ctx.signal.addEventListener('abort', cut, { once: true });
        try {
          await applyDesiredState(client, desiredState(ctx), ctx.log);
        } finally {
          ctx.signal.removeEventListener('abort', cut);
          client.close();
        }
      });
    },
  };
}
