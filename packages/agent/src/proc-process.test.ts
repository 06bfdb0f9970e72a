/** The one-process /proc readers against a real process tree: a shell of this test and its sleep. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { waitUntil } from '@ft/testkit';
import {
  childrenOf,
  cmdlineOf,
  commOf,
  cpuTicksOf,
  descendantsOf,
  hasExited,
  isAlive,
  parentOf,
  processAgeS,
  processesMatching,
  programOf,
  rssMb,
  startTicksOf,
} from './proc-process.js';

describe('the /proc readers of one process', () => {
  it('read a live tree, then answer "gone" once it has ended', async () => {
    const marker = `ft-proc-process-${process.pid}-${Date.now()}`;
    const shell = spawn('/bin/sh', ['-c', `sleep 30; : ${marker}`], { stdio: 'ignore' });
    const pid = shell.pid as number;
    const sleeper = await waitUntil(() => childrenOf(pid)[0], 10_000, 'the sleep under the shell');
    try {
      expect(childrenOf(process.pid)).toContain(pid);
      expect(descendantsOf(process.pid)).toEqual(expect.arrayContaining([pid, sleeper]));
      expect(descendantsOf(process.pid).indexOf(pid)).toBeLessThan(descendantsOf(process.pid).indexOf(sleeper));
      expect(parentOf(pid)).toBe(process.pid);
      expect(parentOf(sleeper)).toBe(pid);
      expect(cmdlineOf(pid)).toEqual(['/bin/sh', '-c', `sleep 30; : ${marker}`]);
      expect(processesMatching(marker)).toEqual([pid]);
      expect(commOf(sleeper)).toBe('sleep');
      // exe, not argv[0]: /bin/sh is a link (dash on Debian, busybox on Alpine).
      expect(programOf(pid)).toBe(path.basename(realpathSync('/bin/sh')));
      expect(rssMb(pid)).toBeGreaterThan(0);
      expect(rssMb(pid)).toBeLessThan(100);
      expect(cpuTicksOf(pid)).toBeGreaterThanOrEqual(0);
      expect(startTicksOf(pid)).toBeGreaterThanOrEqual(startTicksOf(process.pid) as number);
      expect(processAgeS(pid)).toBeGreaterThanOrEqual(0);
      expect(processAgeS(pid)).toBeLessThan(processAgeS(process.pid) as number);
      expect(isAlive(pid)).toBe(true);
      expect(hasExited(pid)).toBe(false);
    } finally {
      process.kill(sleeper, 'SIGKILL');
      shell.kill('SIGKILL');
      await once(shell, 'exit');
    }
    // Reaped by node: no /proc entry left.
    expect(isAlive(pid)).toBe(false);
    expect(hasExited(pid)).toBe(true);
    expect([cmdlineOf(pid), commOf(pid), programOf(pid), parentOf(pid), rssMb(pid), startTicksOf(pid), processAgeS(pid)]).toEqual(Array(7).fill(undefined));
    expect(childrenOf(pid)).toEqual([]);
    expect(cpuTicksOf(pid)).toBe(0);
    expect(processesMatching(marker)).toEqual([]);
  });
});
