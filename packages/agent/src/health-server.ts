/**
 * The agent port: /healthz, /readyz and /metrics, each answered from cached state. Plain node:http
 * rather than fastify: three fixed GET routes that serialise a cached object need no router,
 * schema compiler or plugin system, and loading fastify cost every agent ~16 MB of RSS (measured:
 * bare node 40 MB, node + fastify 56 MB), more than everything else the idle agent keeps.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { liveness, readiness, type HealthSnapshot } from './health-state.js';
import type { PrometheusRegistry } from './prometheus.js';

export interface HealthServer {
  listen(opts: { port: number; host: string }): Promise<void>;
  /** Stops listening and ends open (keep-alive) connections. */
  close(): Promise<void>;
}

const JSON_TYPE = 'application/json; charset=utf-8';

export function createHealthServer(health: () => HealthSnapshot, registry: PrometheusRegistry): HealthServer {
  const routes: Record<string, () => { status: number; type: string; body: string }> = {
    '/healthz': () => {
      const v = liveness(health());
      return json(v.ok ? 200 : 503, { status: v.ok ? 'ok' : 'fail', ...v });
    },
    '/readyz': () => {
      const snapshot = health();
      const v = readiness(snapshot);
      return json(v.ok ? 200 : 503, {
        status: v.ok ? 'ok' : 'fail',
        ...v,
        processes: snapshot.processes.map((p) => ({ name: p.name, pid: p.pid, running: p.running, ready: p.ready })),
        checks: snapshot.checks.map((c) => ({ name: c.name, ok: c.ok, message: c.message, durationMs: Math.round(c.durationMs) })),
      });
    },
    '/metrics': () => ({ status: 200, type: registry.contentType, body: registry.metrics() }),
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    const route = Object.hasOwn(routes, path) ? routes[path] : undefined;
    let answer: { status: number; type: string; body: string };
    if (!route) answer = json(404, { error: 'Not Found', statusCode: 404 });
    else if (req.method !== 'GET' && req.method !== 'HEAD') answer = json(405, { error: 'Method Not Allowed', statusCode: 405 });
    else {
      try {
        answer = route();
      } catch (err) {
        // A broken snapshot must not take the probe port down with it.
        answer = json(500, { error: 'Internal Server Error', statusCode: 500, message: err instanceof Error ? err.message : String(err) });
      }
    }
    res.writeHead(answer.status, { 'content-type': answer.type, 'content-length': Buffer.byteLength(answer.body) });
    res.end(req.method === 'HEAD' ? undefined : answer.body);
  };

  const server = http.createServer(handle);
  return {
    listen: ({ port, host }) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function json(status: number, body: unknown): { status: number; type: string; body: string } {
  return { status, type: JSON_TYPE, body: JSON.stringify(body) };
}
