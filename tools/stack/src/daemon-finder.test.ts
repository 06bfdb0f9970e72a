/** The /proc readers and the daemon finder against real process trees: a plain one, one in its own PID namespace, one through a renaming link. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir, waitUntil } from '@ft/testkit';
import { findDaemon, procInfo } from './daemon-finder.js';
import { childrenOf, commOf, cpuTicksOfTree, descendantsOf, hasExited, parentOf, processAgeS, programOf, rssMb } from '@ft/agent/host';

const started: ChildProcess[] = [];
const dirs: string[] = [];

/** Runs argv as the leader of a new process group, so the whole tree can be killed at the end. */
function startTree(argv: string[]): number {
  const [cmd, ...args] = argv as [string, ...string[]];
  const child = spawn(cmd, args, { detached: true, stdio: 'ignore' });
  started.push(child);
  return child.pid as number;
}

const cmdline = (pid: number): string => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();

afterEach(async () => {
  for (const child of started.splice(0)) {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const dir of dirs.splice(0)) await removeDir(dir);
});

describe('process tree', () => {
  it('lists children and descendants, parents first, and tells a reaped or zombie process from a live one', async () => {
    const root = startTree(['sh', '-c', 'sh -c "sleep 310; true" & sleep 311 & wait']);
    await waitUntil(() => descendantsOf(root).filter((p) => commOf(p) === 'sleep').length === 2, 10_000, 'two sleeps');
    const tree = descendantsOf(root);
    expect(tree).toHaveLength(3);
    for (const pid of tree) expect(tree.indexOf(parentOf(pid) as number)).toBeLessThan(tree.indexOf(pid));
    expect(childrenOf(root)).toHaveLength(2);
    expect(programOf(root)).toMatch(/^(dash|bash)$/);
    expect(rssMb(root)).toBeGreaterThan(0);
    expect(processAgeS(root)).toBeGreaterThanOrEqual(0);
    expect(processAgeS(root)).toBeLessThan(60);
    expect(cpuTicksOfTree(process.pid)).toBeGreaterThan(0);
    expect(hasExited(root)).toBe(false);
    process.kill(-root, 'SIGKILL');
    // Not reaped yet by this process (a zombie) or gone: exited either way.
    await waitUntil(() => hasExited(root), 10_000, 'the root exited');
    expect(descendantsOf(root)).toEqual([]);
    expect(rssMb(2 ** 22 + 1)).toBeUndefined();
  });
});

describe('findDaemon', () => {
  it('finds the oldest matching descendant, and lists the tree when nothing matches', async () => {
    const root = startTree(['sh', '-c', 'sleep 300 & sleep 1; sleep 301 & wait']);
    await waitUntil(() => descendantsOf(root).filter((p) => commOf(p) === 'sleep' && cmdline(p).startsWith('sleep 30')).length === 2, 10_000, 'two sleeps');
    const oldest = findDaemon(root, { comm: /^sleep$/ });
    expect(cmdline(oldest.pid)).toBe('sleep 300');
    expect(procInfo(oldest.pid)?.ppid).toBe(root);
    expect(() => findDaemon(root, { comm: /^nginx$/ })).toThrow(/no \/\^nginx\$\/ under agent \d+; its descendants: .*sleep/);
  });

  it('takes the master, not a worker it forked in the same clock tick', async () => {
    const root = startTree(['sh', '-c', 'perl -e "fork or do { sleep 300; exit }; sleep 300" & wait']);
    await waitUntil(() => descendantsOf(root).filter((p) => commOf(p) === 'perl').length === 2, 10_000, 'two perls');
    expect(findDaemon(root, { comm: /^perl$/ }).ppid).toBe(root);
  });

  it('maps a PID inside a PID namespace to the host PID', async () => {
    // sh is PID 1 in the namespace, then the two sleeps 2 and 3 (as tini, node and daemons are).
    const root = startTree(['unshare', '--pid', '--fork', '--mount-proc', 'sh', '-c', 'sleep 302 & sleep 303 & wait']);
    await waitUntil(() => descendantsOf(root).filter((p) => commOf(p) === 'sleep').length === 2, 10_000, 'two sleeps in the namespace');
    const second = findDaemon(root, { comm: /^sleep$/, nsPid: 3 });
    expect(cmdline(second.pid)).toBe('sleep 303');
    expect(second.nsPids).toEqual([second.pid, 3]);
    expect(second.pid).not.toBe(3);
    expect(() => findDaemon(root, { comm: /^sleep$/, nsPid: 9 })).toThrow(/with namespace pid 9/);
    // The name must match too: PID 1 there is sh, not a sleep.
    expect(() => findDaemon(root, { comm: /^sleep$/, nsPid: 1 })).toThrow();
  });

  it('finds a daemon by its executable when a link gave it another name (mysqld -> mariadbd)', async () => {
    const dir = await makeTempDir('ft-daemon-finder-');
    dirs.push(dir);
    await symlink('/bin/sleep', path.join(dir, 'mysqld'));
    const root = startTree(['sh', '-c', `${path.join(dir, 'mysqld')} 304 & wait`]);
    await waitUntil(() => descendantsOf(root).some((p) => commOf(p) === 'mysqld'), 10_000, 'the renamed sleep');
    const found = findDaemon(root, { program: 'sleep' });
    expect(found.comm).toBe('mysqld');
    expect(() => findDaemon(root, { program: 'mysqld' })).toThrow(/its descendants: \d+\/\d+ mysqld \(sleep\)/);
  });

  it('reads a comm that holds spaces and parentheses', async () => {
    // perl's $0 also sets the kernel's command name.
    const root = startTree(['perl', '-e', '$0 = "a (b) c"; sleep 300']);
    await waitUntil(() => procInfo(root)?.comm === 'a (b) c', 10_000, 'renamed comm');
    const info = procInfo(root);
    expect(info?.ppid).toBe(process.pid);
    expect(info?.startTicks).toBeGreaterThan(0);
    expect(parentOf(root)).toBe(process.pid);
  });
});
