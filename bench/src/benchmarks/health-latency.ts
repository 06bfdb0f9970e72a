/**
 * Benchmark 2, health latency: `/healthz` p50/p99 at a fixed 1,000 requests/s for 10 s while one of
 * the agent's checks hangs (its server accepts and never answers). The agent is a purpose-built
 * definition (../fixtures/hang-agent) bundled here with the preset every service uses. The same
 * client against a bare node:http server in the same run is the floor of this machine and client.
 * Target: agent p99 <= 5 ms.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import http from 'node:http';
import net, { type AddressInfo, type Socket } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Benchmark, BenchContext, BenchResult } from '../types.js';
import { freePort } from '@ft/testkit';
import { percentile, round } from '../support/stats.js';
import { sleep } from './agent-stack.js';

const RATE_PER_S = 1_000;
const LIMIT_P99_MS = 5;

export const benchmark: Benchmark = {
  name: 'health-latency',
  title: 'Health latency: /healthz at 1,000 req/s while a check hangs',
  async run(ctx): Promise<BenchResult> {
    const durationMs = ctx.quick ? 5_000 : 10_000;
    const bundle = await bundleFixture(ctx);
    const silent = await listen(net.createServer(() => undefined));
    const answering = await listen(net.createServer((socket) => socket.end()));
    const figures: BenchResult['figures'] = {};
    try {
      const runDir = path.join(ctx.workDir, 'hang-run');
      await mkdir(runDir, { recursive: true });
      const agentPort = await freePort();
      const agent = spawn(process.execPath, [bundle], {
        stdio: 'ignore',
        env: {
          PATH: process.env.PATH,
          AGENT_PORT: String(agentPort),
          AGENT_HOST: '127.0.0.1',
          AGENT_PLATFORM: 'debian',
          AGENT_RUN_DIR: runDir,
          AGENT_STOP_GRACE_MS: '2000',
          HANG_OK_PORT: String(answering.port),
          HANG_SILENT_PORT: String(silent.port),
        },
      });
      try {
        const url = `http://127.0.0.1:${agentPort}/healthz`;
        await waitFor(async () => (await getOnce(`http://127.0.0.1:${agentPort}/readyz`)) !== undefined, 30_000);
        // Past the hanging check's first runs: it must be in flight while we measure.
        await sleep(3_000);
        const hangs = await getOnce(`http://127.0.0.1:${agentPort}/readyz`);
        ctx.log(`agent up; /readyz ${hangs?.status} (the hanging check keeps it not ready)`);
        await drive(url, 1_000); // warm-up: connections open, code paths compiled
        const agentRun = await drive(url, durationMs);
        record(figures, 'agent', agentRun);
        ctx.log(`agent /healthz: p50 ${agentRun.p50.toFixed(2)} ms, p99 ${agentRun.p99.toFixed(2)} ms, ${agentRun.sent} requests`);
      } finally {
        await stop(agent);
      }

      // The floor: the same client against a bare node:http server answering a small JSON body.
      const barePort = await freePort();
      const bare = spawn(
        process.execPath,
        [
          '-e',
          `require('http').createServer((q, s) => { s.setHeader('content-type', 'application/json'); s.end('{"status":"ok","live":true}'); }).listen(${barePort}, '127.0.0.1')`,
        ],
        { stdio: 'ignore' },
      );
      try {
        const url = `http://127.0.0.1:${barePort}/healthz`;
        await waitFor(async () => (await getOnce(url)) !== undefined, 10_000);
        await drive(url, 1_000);
        const bareRun = await drive(url, durationMs);
        record(figures, 'bare_http', bareRun);
        ctx.log(`bare node:http: p50 ${bareRun.p50.toFixed(2)} ms, p99 ${bareRun.p99.toFixed(2)} ms`);
      } finally {
        await stop(bare);
      }
    } finally {
      silent.close();
      answering.close();
    }
    const p99 = Number(figures['agent.p99_ms']);
    return {
      figures,
      targets: [{ name: '/healthz p99 at 1,000 req/s, one check hanging', limit: `<= ${LIMIT_P99_MS} ms`, value: p99, unit: 'ms', met: p99 <= LIMIT_P99_MS }],
      notes: [
        `open loop: requests are issued on a 1 ms timer at ${RATE_PER_S}/s whatever the answers do (keep-alive agent, up to 64 connections); p50/p99 from the request's write to its last byte (what the server adds, queueing on busy connections included); from_due_* count from the request's scheduled time, so they also hold the client's own timer lag (the open-loop, coordinated-omission-free view)`,
        `bare_http: the same client against a bare node:http server in the same run (the floor of this machine and client)`,
      ],
    };
  },
};

interface DriveResult {
  /** From the moment the request was written. */
  p50: number;
  p99: number;
  /** From the moment it was due (includes the client's own timer lag and any queueing). */
  dueP50: number;
  dueP99: number;
  max: number;
  sent: number;
  errors: number;
  non200: number;
  achievedRate: number;
}

function record(figures: BenchResult['figures'], prefix: string, r: DriveResult): void {
  figures[`${prefix}.p50_ms`] = round(r.p50, 2);
  figures[`${prefix}.p99_ms`] = round(r.p99, 2);
  figures[`${prefix}.max_ms`] = round(r.max, 2);
  figures[`${prefix}.from_due_p50_ms`] = round(r.dueP50, 2);
  figures[`${prefix}.from_due_p99_ms`] = round(r.dueP99, 2);
  figures[`${prefix}.requests`] = r.sent;
  figures[`${prefix}.errors`] = r.errors;
  figures[`${prefix}.non_200`] = r.non200;
  figures[`${prefix}.rate_per_s`] = round(r.achievedRate, 0);
}

/**
 * Sends GETs at RATE_PER_S for `durationMs`, open loop: request i is due at start + i ms; a 1 ms
 * timer sends every request that is due, and each latency counts from its due time, so a server
 * that stalls cannot slow the client down and hide it (coordinated omission).
 */
async function drive(url: string, durationMs: number): Promise<DriveResult> {
  // Idle sockets are dropped after 2 s, before the server's 5 s keep-alive timeout closes them
  // under a request (a reset that would count as an error of the agent).
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 2_000, scheduling: 'fifo' });
  const latencies: number[] = [];
  const fromDue: number[] = [];
  let errors = 0;
  let non200 = 0;
  let sent = 0;
  const total = Math.round((durationMs / 1000) * RATE_PER_S);
  const intervalMs = 1000 / RATE_PER_S;
  const pending: Promise<void>[] = [];
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = performance.now();
      while (sent < total && start + sent * intervalMs <= now) {
        const due = start + sent * intervalMs;
        sent += 1;
        pending.push(
          new Promise<void>((done) => {
            const issued = performance.now();
            const req = http.get(url, { agent }, (res) => {
              res.resume();
              res.on('end', () => {
                const end = performance.now();
                latencies.push(end - issued);
                fromDue.push(end - due);
                if (res.statusCode !== 200) non200 += 1;
                done();
              });
            });
            req.setTimeout(5_000, () => req.destroy(new Error('timeout')));
            req.on('error', () => {
              errors += 1;
              done();
            });
          }),
        );
      }
      if (sent < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  const sendSpanS = (performance.now() - start) / 1000;
  await Promise.all(pending);
  agent.destroy();
  if (latencies.length === 0) throw new Error(`no answer from ${url}: ${errors} errors`);
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    dueP50: percentile(fromDue, 50),
    dueP99: percentile(fromDue, 99),
    max: percentile(latencies, 100),
    sent,
    errors,
    non200,
    achievedRate: sent / sendSpanS,
  };
}

/** Runs tsup on the fixture's own config (the services' preset); tsup stays out of this bundle. */
async function bundleFixture(ctx: BenchContext): Promise<string> {
  const outDir = path.join(ctx.workDir, 'hang-agent');
  const fixtureDir = path.join(ctx.repoRoot, 'bench/src/fixtures/hang-agent');
  await promisify(execFile)(path.join(ctx.repoRoot, 'node_modules/.bin/tsup'), ['--config', 'tsup.config.ts', '--silent'], {
    cwd: fixtureDir,
    env: { ...process.env, HANG_AGENT_OUT_DIR: outDir },
  });
  return path.join(outDir, 'agent.js');
}

async function listen(server: net.Server): Promise<{ port: number; close(): void }> {
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

function getOnce(url: string): Promise<{ status: number } | undefined> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.setTimeout(1_000, () => req.destroy());
    req.on('error', () => resolve(undefined));
  });
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await sleep(200);
  }
  throw new Error(`not ready within ${timeoutMs / 1000} s`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}
