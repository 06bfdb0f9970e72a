import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '@ft/testkit';
import type { HealthSnapshot } from './health-state.js';
import { createHealthServer, type HealthServer } from './health-server.js';
import { captureLog } from '../test/metrics-support.js';
import { createPrometheusRegistry } from './prometheus.js';

function request(port: number, path: string, agent?: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('health server', () => {
  let server: HealthServer | undefined;
  let health: HealthSnapshot;
  const servers: HealthServer[] = [];

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    server = undefined;
  });

  function make(state: () => HealthSnapshot = () => health, log = captureLog().log): HealthServer {
    const metrics = createPrometheusRegistry({ service: 'svc', health: state, writer: () => undefined });
    const s = createHealthServer(state, metrics.registry, log);
    servers.push(s);
    return s;
  }

  it('answers /healthz and /readyz from the current state, 200 or 503, as JSON', async () => {
    health = { phase: 'init', processes: [], checks: [], blocker: 'init step wait: mysql' };
    server = make();
    const live = await server.app.inject({ url: '/healthz' });
    expect(live.statusCode).toBe(200);
    expect(live.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(live.json()).toMatchObject({ status: 'ok', ok: true, phase: 'init' });
    const notReady = await server.app.inject({ url: '/readyz?verbose=1' });
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json()).toMatchObject({ status: 'fail', failures: [{ kind: 'phase', reason: 'init step wait: mysql' }] });

    health = {
      phase: 'running',
      processes: [{ name: 'd', pid: 42, running: true, ready: true, startedAt: 0 }],
      checks: [{ name: 'c', scope: 'liveness', ok: true, message: 'fine', durationMs: 1.6, consecutiveFailures: 0, failureThreshold: 3, lastRunAt: 1 }],
    };
    const ready = await server.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({
      status: 'ok',
      ok: true,
      phase: 'running',
      failures: [],
      processes: [{ name: 'd', pid: 42, running: true, ready: true }],
      checks: [{ name: 'c', ok: true, message: 'fine', durationMs: 2 }],
    });
    health = {
      ...health,
      processes: [{ name: 'd', pid: undefined, running: false, ready: false, startedAt: 0, exit: { code: null, signal: 'SIGKILL', at: 0 } }],
    };
    const dead = await server.app.inject({ url: '/healthz' });
    expect(dead.statusCode).toBe(503);
    expect(dead.json()).toMatchObject({ status: 'fail', failures: [{ kind: 'process', name: 'd', reason: 'killed by SIGKILL' }] });
  });

  it("serves /metrics as Prometheus text with prom-client's default series; unknown paths 404, other methods 405, HEAD without a body", async () => {
    health = { phase: 'running', processes: [], checks: [] };
    server = make();
    const metrics = await server.app.inject({ url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(metrics.body).toContain('agent_up{service="svc"} 1');
    expect(metrics.body).toMatch(/agent_nodejs_eventloop_lag_p99_seconds\{service="svc"\}/);
    expect((await server.app.inject({ url: '/nope' })).json()).toEqual({ error: 'Not Found', statusCode: 404 });
    const post = await server.app.inject({ method: 'POST', url: '/healthz' });
    expect(post.statusCode).toBe(405);
    expect(post.headers['allow']).toBe('GET, HEAD');
    expect(post.json()).toEqual({ error: 'Method Not Allowed', statusCode: 405 });
    expect((await server.app.inject({ method: 'DELETE', url: '/metrics?x=1' })).statusCode).toBe(405);
    const head = await server.app.inject({ method: 'HEAD', url: '/healthz' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
  });

  it("answers 500 when the state cannot be read, logs it through the agent's logger, and keeps serving", async () => {
    let broken = true;
    const logs = captureLog();
    server = make(() => {
      if (broken) throw new Error('no state');
      return { phase: 'running', processes: [], checks: [] };
    }, logs.log);
    const failed = await server.app.inject({ url: '/healthz' });
    expect(failed.statusCode).toBe(500);
    expect(failed.json()).toMatchObject({ message: 'no state' });
    expect(logs.lines.find((l) => l.level === 50)).toMatchObject({ component: 'health-server', err: { message: 'no state' } });
    broken = false;
    expect((await server.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    // No line per request: a probe a second must not fill the log.
    expect(logs.lines.filter((l) => l.level <= 30)).toEqual([]);
  });

  it('listens on the port; close ends kept-alive connections instead of waiting for them', async () => {
    health = { phase: 'running', processes: [], checks: [] };
    server = make();
    const port = await freePort();
    await server.listen({ port, host: '127.0.0.1' });
    const agent = new http.Agent({ keepAlive: true });
    try {
      expect(await request(port, '/healthz', agent)).toBe(200);
      const started = Date.now();
      await server.close();
      expect(Date.now() - started).toBeLessThan(1_000);
      await expect(request(port, '/healthz')).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      agent.destroy();
    }
  });

  it('rejects listen on a port already taken', async () => {
    health = { phase: 'running', processes: [], checks: [] };
    const port = await freePort();
    await make().listen({ port, host: '127.0.0.1' });
    await expect(make().listen({ port, host: '127.0.0.1' })).rejects.toThrow(/EADDRINUSE/);
  });
});
