/**
 * The agent port: /healthz, /readyz and /metrics on fastify, each answered from cached state (a
 * probe never waits on a check). Fastify logs through the agent's own pino logger; request logging
 * is off, as a probe a second would drown the daemons' lines.
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { liveness, readiness, type HealthSnapshot } from './health-state.js';

export interface HealthServer {
  listen(opts: { port: number; host: string }): Promise<void>;
  /** Stops listening and ends open (keep-alive) connections. */
  close(): Promise<void>;
  /** The fastify instance, for inject() in tests. */
  readonly app: FastifyInstance;
}

const ROUTES = ['/healthz', '/readyz', '/metrics'];

export function createHealthServer(health: () => HealthSnapshot, registry: Registry, log: Logger): HealthServer {
  const app = Fastify({
    // pino's Logger is fastify's base logger; the cast keeps the instance's type the default one.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- needed: it sets Fastify's logger type parameter.
    loggerInstance: log.child({ component: 'health-server' }) as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    // close() ends kept-alive connections (a scraper's) instead of waiting for them.
    forceCloseConnections: true,
    return503OnClosing: true,
  });

  app.get('/healthz', async (_req, reply) => {
    const v = liveness(health());
    return reply.code(v.ok ? 200 : 503).send({ status: v.ok ? 'ok' : 'fail', ...v });
  });
  app.get('/readyz', async (_req, reply) => {
    const snapshot = health();
    const v = readiness(snapshot);
    return reply.code(v.ok ? 200 : 503).send({
      status: v.ok ? 'ok' : 'fail',
      ...v,
      processes: snapshot.processes.map((p) => ({ name: p.name, pid: p.pid, running: p.running, ready: p.ready })),
      checks: snapshot.checks.map((c) => ({ name: c.name, ok: c.ok, message: c.message, durationMs: Math.round(c.durationMs) })),
    });
  });
  app.get('/metrics', async (_req, reply) => reply.type(registry.contentType).send(await registry.metrics()));
  // A broken snapshot must not take the probe port down, and must be seen: with request logging
  // off, fastify's default handler would answer 500 silently.
  app.setErrorHandler(async (err: Error, req, reply) => {
    req.log.error({ err, url: req.url }, `${req.url} failed: ${err.message}`);
    return reply.code(500).send({ error: 'Internal Server Error', statusCode: 500, message: err.message });
  });
  // A known path asked with another method is 405 (with Allow), not fastify's 404.
  app.setNotFoundHandler(async (req, reply) => {
    const path = req.url.split('?', 1)[0] ?? '/';
    if (ROUTES.includes(path)) return reply.code(405).header('allow', 'GET, HEAD').send({ error: 'Method Not Allowed', statusCode: 405 });
    return reply.code(404).send({ error: 'Not Found', statusCode: 404 });
  });

  return {
    app,
    listen: async ({ port, host }) => {
      await app.listen({ port, host });
    },
    close: () => app.close(),
  };
}
