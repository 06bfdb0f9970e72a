/**
 * What the agent benchmarks (footprint, metrics overhead) share: the local mode on helper A's own
 * addresses, the agents' host pids, and a bare `node` beside them as the baseline of the same run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
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
