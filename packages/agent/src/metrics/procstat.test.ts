import { spawn, type ChildProcess } from 'node:child_process';
import { waitUntil } from '@ft/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProcessView } from '../types.js';
import { readProcTable, processTree } from '../proc-table.js';
import { procstatCollector } from './procstat.js';

const children: ChildProcess[] = [];
function start(script: string): ChildProcess {
  // Own process group, so afterAll takes the whole tree.
  const child = spawn('sh', ['-c', script], { stdio: 'ignore', detached: true });
  children.push(child);
  return child;
}

afterAll(() => {
  for (const c of children) {
    try {
      if (c.pid) process.kill(-c.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
});

function view(pids: Record<string, number | undefined>): ProcessView {
  return { pid: (name) => pids[name], names: () => Object.keys(pids) };
}

describe('procstat', () => {
  it('sums a process tree: num_procs, threads, RSS, CPU', async () => {
    const tree = start('sleep 30 & sleep 30 & wait');
    const busy = start('while :; do :; done');
    const pid = tree.pid as number;
    await waitUntil(async () => processTree(await readProcTable(), pid).length >= 3, 5_000, 'sh and its two sleeps');

    let now = performance.now();
    const c = procstatCollector(view({ web: pid, spin: busy.pid, absent: undefined }), { now: () => now });
    const first = await c.collect();
    expect(first.map((p) => p.tags?.['process'])).toEqual(['web', 'spin']);
    const web = first[0]?.fields as Record<string, number>;
    expect(web['pid']).toBe(pid);
    expect(web['num_procs']).toBeGreaterThanOrEqual(3);
    expect(web['num_threads']).toBeGreaterThanOrEqual(3);
    expect(web['memory_rss']).toBeGreaterThan(3 * 256 * 1024);
    expect(web['cpu_usage']).toBeUndefined();

    await new Promise((r) => setTimeout(r, 500));
    now = performance.now();
    const second = await c.collect();
    const spin = second[1]?.fields as Record<string, number>;
    // A shell busy loop takes most of a core; the sleeping tree almost nothing.
    expect(spin['cpu_usage']).toBeGreaterThan(50);
    expect(spin['cpu_usage']).toBeLessThan(110);
    expect(spin['cpu_time_user']! + spin['cpu_time_system']!).toBeGreaterThan(0.2);
    expect(second[0]?.fields['cpu_usage']).toBeLessThan(10);
  });

  it('reports nothing for a process that is gone', async () => {
    const c = procstatCollector(view({ ghost: 2 ** 22 + 11 }));
    expect(await c.collect()).toEqual([]);
  });
});
