/**
 * In a container the agent runs in its own PID namespace. These tests build one with
 * `unshare --pid --fork --mount-proc` and prove that orphans are reaped, both when the agent
 * itself is PID 1 and when tini is, and that nothing outlives the agent.
 */
import { describe, expect, it } from 'vitest';
import { processesMatching, sleep, waitUntil } from '@ft/testkit';
import { DEMO_BUNDLE, demoEnv, startAgent } from './agent-process.js';
import { findTini } from '../src/pid1.js';
import { processTree, readProcEntry, readProcTable } from '../src/proc-table.js';

const tini = findTini() ?? '';

async function runInNamespace(prefix: string[], extraEnv: Record<string, string> = {}) {
  const env = { ...(await demoEnv()), ...extraEnv };
  const a = startAgent(env, ['unshare', '--pid', '--fork', '--mount-proc', ...prefix, process.execPath, DEMO_BUNDLE]);
  await a.waitReady();
  // The orphaned `sleep 0.3` has exited by now; it must not linger as a zombie.
  await sleep(800);
  const unsharePid = a.child.pid as number;
  const tree = processTree(await readProcTable(), unsharePid).slice(1);
  const inside = tree.map((e) => e.pid);
  const states = tree.map((e) => e.state);
  return { a, unsharePid, inside, states };
}

describe('PID 1 behaviour in a fresh PID namespace', () => {
  it('tini is installed (the images and the local mode run the agent under it)', () => {
    expect(tini).not.toBe('');
  });

  it('agent as PID 1: relaunches under tini as subreaper, no zombie, clean SIGTERM', async () => {
    const { a, inside, states } = await runInNamespace([]);
    expect(states).not.toContain('Z');
    expect(a.lines.some((l) => l.msg === 'process worker started')).toBe(true);
    // namespace PID 1 is the first child of unshare: it forwards SIGTERM to the relaunched agent.
    const pid1 = inside[0] as number;
    process.kill(pid1, 'SIGTERM');
    const exit = await a.exit;
    expect(exit.code).toBe(0);
    await waitUntil(
      async () => (await Promise.all(inside.map((pid) => readProcEntry(pid)))).every((e) => e === undefined),
      5_000,
      'every namespace process gone',
    );
  });

  it('control: node as PID 1 with the relaunch disabled does leave a zombie (the check can fail)', async () => {
    const { a, inside, states } = await runInNamespace([], { FT_AGENT_UNDER_TINI: '1' });
    expect(states).toContain('Z');
    // SIGKILL of the namespace's PID 1 takes every process of the namespace with it.
    process.kill(inside[0] as number, 'SIGKILL');
    await a.exit;
    await waitUntil(
      async () => (await Promise.all(inside.map((pid) => readProcEntry(pid)))).every((e) => e === undefined),
      5_000,
      'every namespace process gone',
    );
  });

  it('agent under tini as PID 1: no zombie, exit code passed through on a crash', async () => {
    const { a, inside, states } = await runInNamespace([tini, '--']);
    expect(states).not.toContain('Z');
    const worker = JSON.parse((await a.get('/readyz')).body) as { processes: { name: string; pid: number }[] };
    expect(worker.processes.map((p) => p.name)).toEqual(['server', 'worker']);
    // pids in /readyz are namespace pids; find the host pid of the worker's `sleep 1000` instead.
    const sleeper = processesMatching('sleep\u00001000').find((pid) => inside.includes(pid));
    expect(sleeper).toBeDefined();
    process.kill(sleeper as number, 'SIGKILL');
    const exit = await a.exit;
    expect(exit.code).toBe(70);
    await waitUntil(
      async () => (await Promise.all(inside.map((pid) => readProcEntry(pid)))).every((e) => e === undefined),
      5_000,
      'every namespace process gone',
    );
  });
});
