/**
 * What the agent benchmarks (footprint, metrics overhead) share: the local mode on helper A's own
 * addresses, the agents' host pids, and the baselines of the same run beside them: a bare `node`,
 * and a node holding the agent's libraries (fastify, prom-client, the InfluxDB client, pino, zod,
 * handlebars).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { promisify } from 'node:util';
import type { BenchContext } from '../types.js';
import { activeServices, withStack, type LocalStack } from '../support/stack.js';

/** Neither the defaults (127.0.0.2/.3, e2e) nor the runner's (.8/.9) nor WordPress's (.10/.11). */
export const AGENT_ADDRESS = '127.0.0.12';
export const AGENT_INTERNAL_ADDRESS = '127.0.0.13';

export interface RunningAgent {
  name: string;
  pid: number;
}

/** Brings the whole stack up, hands `fn` every running agent, then purges the stack whatever happens. */
export async function withAgentStack<T>(ctx: BenchContext, fn: (agents: RunningAgent[], stack: LocalStack) => Promise<T>): Promise<T> {
  return withStack(
    { repoRoot: ctx.repoRoot, stateDir: path.join(ctx.workDir, 'stack'), address: AGENT_ADDRESS, internalAddress: AGENT_INTERNAL_ADDRESS, upTimeoutS: 240 },
    async (stack) => {
      const run = await stack.up();
      ctx.log(`stack up in ${(run.elapsedMs / 1000).toFixed(1)} s`);
      const status = await stack.status();
      const agents = activeServices(status).flatMap((s) => (s.pid === null ? [] : [{ name: s.name, pid: s.pid }]));
      const skipped = status.services.filter((s) => s.state === 'skipped').map((s) => s.name);
      if (skipped.length > 0) ctx.log(`skipped by the local mode: ${skipped.join(', ')}`);
      return fn(agents, stack);
    },
  );
}

/** A bare `node` that only keeps its event loop alive: the baseline every agent is compared with. */
export async function withBareNode<T>(fn: (pid: number) => Promise<T>): Promise<T> {
  const child: ChildProcess = spawn(process.execPath, ['-e', 'setInterval(() => {}, 60_000)'], { stdio: 'ignore' });
  await once(child, 'spawn');
  try {
    return await fn(child.pid as number);
  } finally {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The library baseline (../fixtures/library-baseline), bundled with the services' preset into the
 * run's scratch dir and started; resolves with its pid once it listens. `eventLoopPrecisionMs`
 * overrides its prom-client event-loop monitor period.
 */
export async function withLibraryBaseline<T>(ctx: BenchContext, eventLoopPrecisionMs: number | undefined, fn: (pid: number) => Promise<T>): Promise<T> {
  const outDir = path.join(ctx.workDir, 'library-baseline');
  await promisify(execFile)(path.join(ctx.repoRoot, 'node_modules/.bin/tsup'), ['--config', 'tsup.config.ts', '--silent'], {
    cwd: path.join(ctx.repoRoot, 'bench/src/fixtures/library-baseline'),
    env: { ...process.env, LIBRARY_BASELINE_OUT_DIR: outDir },
  });
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
  if (eventLoopPrecisionMs !== undefined) env['BASELINE_EVENT_LOOP_PRECISION_MS'] = String(eventLoopPrecisionMs);
  const child: ChildProcess = spawn(process.execPath, [path.join(outDir, 'baseline.js')], { stdio: ['ignore', 'pipe', 'inherit'], env });
  try {
    // Its first line says it listens: fastify is up, the baseline is complete.
    const [first] = (await Promise.race([
      once(child.stdout!, 'data'),
      once(child, 'exit').then(() => {
        throw new Error('library baseline exited before listening');
      }),
    ])) as [Buffer];
    JSON.parse(first.toString('utf8').split('\n')[0] ?? '');
    return await fn(child.pid as number);
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
  }
}
