/** The agent port: /healthz, /readyz and /metrics, each answered from cached state. */
import Fastify, { type FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { liveness, readiness, type HealthSnapshot } from './health-state.js';

export function createHealthServer(health: () => HealthSnapshot, registry: Registry): FastifyInstance {
  // Fastify's own request logging would drown the daemons' logs at one probe per second.
  const app = Fastify({ logger: false });
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
  app.get('/metrics', async (_req, reply) => {
    const body = await registry.metrics();
    return reply.type(registry.contentType).send(body);
  });
  return app;
}
