/** Resource figures of host processes from /proc (Linux): resident memory, CPU time, age. */
import { readFileSync } from 'node:fs';
import { descendantsOf, statFields } from './proc-tree.js';

/** Clock ticks per second of /proc/<pid>/stat times: 100 on every Linux this runs on. */
export const CLOCK_TICKS_PER_S = 100;

/** Resident set size of `pid` in MB (VmRSS), undefined when gone. */
export function rssMb(pid: number): number | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  return kb === undefined ? undefined : Number(kb) / 1024;
}

/** User + system CPU ticks of `pid` alone (utime + stime, fields 14 and 15), 0 when gone. */
export function cpuTicksOf(pid: number): number {
  const fields = statFields(pid);
  if (fields === undefined) return 0;
  return Number(fields[11]) + Number(fields[12]);
}

/**
 * CPU ticks of `pid` and every live descendant. Children that already exited and were reaped
 * are in the parent's cutime/cstime, which this leaves out on purpose: a sample taken twice
 * measures what the live tree did in between.
 */
export function cpuTicksOfTree(pid: number): number {
  return [pid, ...descendantsOf(pid)].reduce((sum, p) => sum + cpuTicksOf(p), 0);
}

/** Start of `pid` in clock ticks after boot (field 22, starttime), undefined when gone. */
export function startTicksOf(pid: number): number | undefined {
  const fields = statFields(pid);
  return fields === undefined ? undefined : Number(fields[19]);
}

/** Seconds since `pid` started (its starttime against /proc/uptime), undefined when gone. */
export function processAgeS(pid: number): number | undefined {
  const start = startTicksOf(pid);
  if (start === undefined) return undefined;
  const uptimeS = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
  return uptimeS - start / CLOCK_TICKS_PER_S;
}
