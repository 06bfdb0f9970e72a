/** The descendant finder against real process trees: a plain one and one in its own PID namespace. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { waitUntil } from '@ft/testkit';
import { descendantsOf, findDaemon, procInfo } from './processes.js';

const started: ChildProcess[] = [];

/** Runs argv as the leader of a new process group, so the whole tree can be killed at the end. */
function startTree(argv: string[]): number {
  const [cmd, ...args] = argv as [string, ...string[]];
  const child = spawn(cmd, args, { detached: true, stdio: 'ignore' });
  started.push(child);
  return child.pid as number;
}

const cmdline = (pid: number): string => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();

afterEach(() => {
  for (const child of started.splice(0)) {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

describe('findDaemon', () => {
  it('finds the oldest matching descendant, and lists the tree when nothing matches', async () => {
    const root = startTree(['sh', '-c', 'sleep 300 & sleep 1; sleep 301 & wait']);
    await waitUntil(() => descendantsOf(root).filter((p) => p.comm === 'sleep' && cmdline(p.pid).startsWith('sleep 30')).length === 2, 10_000, 'two sleeps');
    const oldest = findDaemon(root, { comm: /^sleep$/ });
    expect(cmdline(oldest.pid)).toBe('sleep 300');
    expect(procInfo(oldest.pid)?.ppid).toBe(root);
    expect(() => findDaemon(root, { comm: /^nginx$/ })).toThrow(/no \/\^nginx\$\/ under agent \d+; its descendants: .*sleep/);
  });

  it('maps a PID inside a PID namespace to the host PID', async () => {
    // sh is PID 1 in the namespace, then the two sleeps 2 and 3 (as tini, node and daemons are).
    const root = startTree(['unshare', '--pid', '--fork', '--mount-proc', 'sh', '-c', 'sleep 302 & sleep 303 & wait']);
    await waitUntil(() => descendantsOf(root).filter((p) => p.comm === 'sleep').length === 2, 10_000, 'two sleeps in the namespace');
    const second = findDaemon(root, { comm: /^sleep$/, nsPid: 3 });
    expect(cmdline(second.pid)).toBe('sleep 303');
    expect(second.nsPids).toEqual([second.pid, 3]);
    expect(second.pid).not.toBe(3);
    expect(() => findDaemon(root, { comm: /^sleep$/, nsPid: 9 })).toThrow(/with namespace pid 9/);
    // The name must match too: PID 1 there is sh, not a sleep.
    expect(() => findDaemon(root, { comm: /^sleep$/, nsPid: 1 })).toThrow();
  });

  it('reads a comm that holds spaces and parentheses', async () => {
    // perl's $0 also sets the kernel's command name.
    const root = startTree(['perl', '-e', '$0 = "a (b) c"; sleep 300']);
    await waitUntil(() => procInfo(root)?.comm === 'a (b) c', 10_000, 'renamed comm');
    const info = procInfo(root);
    expect(info?.ppid).toBe(process.pid);
    expect(info?.startTicks).toBeGreaterThan(0);
  });
});
