import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '@ft/testkit';
import type { HealthSnapshot } from './health-state.js';
import { createHealthServer, type HealthServer } from './health-server.js';
import { createPrometheusRegistry } from './prometheus.js';

interface Answer {
  status: number;
  type: string | undefined;
  body: string;
}

function request(port: number, path: string, method = 'GET', agent?: http.Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('health server', () => {
  let server: HealthServer | undefined;
  let health: HealthSnapshot;

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function start(): Promise<number> {
    const port = await freePort();
    const registry = createPrometheusRegistry({ service: 'svc', health: () => health, writer: () => undefined });
    server = createHealthServer(() => health, registry);
    await server.listen({ port, host: '127.0.0.1' });
    return port;
  }

  it('answers /healthz and /readyz from the current state, 200 or 503, as JSON', async () => {
    health = { phase: 'init', processes: [], checks: [], blocker: 'init step wait: mysql' };
    const port = await start();
    const live = await request(port, '/healthz');
    expect(live.status).toBe(200);
    expect(live.type).toBe('application/json; charset=utf-8');
    expect(JSON.parse(live.body)).toMatchObject({ status: 'ok', ok: true, phase: 'init' });
    const notReady = await request(port, '/readyz?verbose=1');
    expect(notReady.status).toBe(503);
    expect(JSON.parse(notReady.body)).toMatchObject({ status: 'fail', failures: [{ kind: 'phase', reason: 'init step wait: mysql' }] });

    health = {
      phase: 'running',
      processes: [{ name: 'd', pid: 42, running: true, ready: true, startedAt: 0 }],
      checks: [{ name: 'c', scope: 'liveness', ok: true, message: 'fine', durationMs: 1.6, consecutiveFailures: 0, failureThreshold: 3, lastRunAt: 1 }],
    };
    const ready = await request(port, '/readyz');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toEqual({
      status: 'ok',
      ok: true,
      phase: 'running',
      failures: [],
      processes: [{ name: 'd', pid: 42, running: true, ready: true }],
      checks: [{ name: 'c', ok: true, message: 'fine', durationMs: 2 }],
    });
    health = { ...health, processes: [{ name: 'd', pid: undefined, running: false, ready: false, startedAt: 0, exit: { code: null, signal: 'SIGKILL', at: 0 } }] };
    const dead = await request(port, '/healthz');
    expect(dead.status).toBe(503);
    expect(JSON.parse(dead.body)).toMatchObject({ status: 'fail', failures: [{ kind: 'process', name: 'd', reason: 'killed by SIGKILL' }] });
  });

  it('serves /metrics as Prometheus text; unknown paths 404, other methods 405, HEAD without a body', async () => {
    health = { phase: 'running', processes: [], checks: [] };
    const port = await start();
    const metrics = await request(port, '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.type).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(metrics.body).toContain('agent_up{service="svc"} 1');
    expect((await request(port, '/nope')).status).toBe(404);
    expect((await request(port, '/healthz', 'POST')).status).toBe(405);
    const head = await request(port, '/healthz', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('answers 500 when the state cannot be read, and keeps serving', async () => {
    const port = await start();
    let broken = true;
    const registry = createPrometheusRegistry({ service: 'svc', health: () => health, writer: () => undefined });
    await server?.close();
    server = createHealthServer(() => {
      if (broken) throw new Error('no state');
      return { phase: 'running', processes: [], checks: [] };
    }, registry);
    await server.listen({ port, host: '127.0.0.1' });
    const failed = await request(port, '/healthz');
    expect(failed.status).toBe(500);
    expect(JSON.parse(failed.body)).toMatchObject({ message: 'no state' });
    broken = false;
    expect((await request(port, '/healthz')).status).toBe(200);
  });

  it('close ends kept-alive connections instead of waiting for them', async () => {
    health = { phase: 'running', processes: [], checks: [] };
    const port = await start();
    const agent = new http.Agent({ keepAlive: true });
    try {
      expect((await request(port, '/healthz', 'GET', agent)).status).toBe(200);
      const started = Date.now();
      await server?.close();
      server = undefined;
      expect(Date.now() - started).toBeLessThan(1_000);
      await expect(request(port, '/healthz')).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      agent.destroy();
    }
  });

  it('rejects listen on a port already taken', async () => {
    health = { phase: 'running', processes: [], checks: [] };
    const port = await start();
    const registry = createPrometheusRegistry({ service: 'svc', health: () => health, writer: () => undefined });
    const second = createHealthServer(() => health, registry);
    await expect(second.listen({ port, host: '127.0.0.1' })).rejects.toThrow(/EADDRINUSE/);
  });
});
