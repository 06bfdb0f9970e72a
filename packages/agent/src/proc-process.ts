/**
 * One process at a time from /proc, synchronously: what the host-side tools (tools/stack, bench,
 * tests) ask of a process they know by pid. proc-table.ts reads every process at once for the
 * agent's own metrics and supervision; both parse /proc the same way (its parsers). Every reader
 * answers "gone" (undefined, [] or false) for a process that does not exist or ends while it reads.
 */
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { CLOCK_TICKS, parseRss, statFieldsOf } from './proc-table.js';

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The fields of /proc/<pid>/stat after "(comm)" (see statFieldsOf), undefined when gone. */
export function statFields(pid: number): string[] | undefined {
  const text = read(`/proc/${pid}/stat`);
  return text === undefined ? undefined : statFieldsOf(text);
}

/** Whether `pid` exists (signal 0 delivers nothing; it only asks). A zombie, or another user's process, counts. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether `pid` has ended: no /proc entry, or a zombie (exited, not yet reaped). */
export function hasExited(pid: number): boolean {
  const fields = statFields(pid);
  return fields === undefined || fields[0] === 'Z' || fields[0] === 'X';
}

/** Parent pid of `pid`, undefined when gone. */
export function parentOf(pid: number): number | undefined {
  const fields = statFields(pid);
  return fields === undefined ? undefined : Number(fields[1]);
}

/** Direct children of `pid`, from every thread's children file (a child belongs to the thread that forked it); [] when gone. */
export function childrenOf(pid: number): number[] {
  let threads: string[];
  try {
    threads = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  // The main thread first: its children are the ones a single-threaded parent (tini, unshare) has.
  threads.sort((a, b) => (a === String(pid) ? -1 : b === String(pid) ? 1 : Number(a) - Number(b)));
  return threads.flatMap((tid) => (read(`/proc/${pid}/task/${tid}/children`) ?? '').trim().split(/\s+/).filter(Boolean).map(Number));
}

/** Every living descendant of `pid` (not `pid` itself), parents before their children. */
export function descendantsOf(pid: number): number[] {
  return childrenOf(pid).flatMap((child) => [child, ...descendantsOf(child)]);
}

/** The command line of `pid` as argv, or undefined when it is gone. */
export function cmdlineOf(pid: number): string[] | undefined {
  return read(`/proc/${pid}/cmdline`)?.split('\0').filter(Boolean);
}

/** PIDs whose command line contains `text` (e.g. a server's unique config file path). */
export function processesMatching(text: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => read(`/proc/${pid}/cmdline`)?.includes(text) ?? false)
    .map(Number);
}

/** The kernel's short name of `pid` (comm, at most 15 characters), undefined when gone. */
export function commOf(pid: number): string | undefined {
  return read(`/proc/${pid}/comm`)?.replace(/\n$/, '');
}

/**
 * The file name of the program `pid` runs (/proc/<pid>/exe resolved), undefined when gone or not
 * ours to read. Unlike comm it sees through the links agents start daemons by (mysql's `mysqld`
 * link to mariadbd).
 */
export function programOf(pid: number): string | undefined {
  try {
    return path.basename(readlinkSync(`/proc/${pid}/exe`));
  } catch {
    return undefined;
  }
}

/** Resident set size of `pid` in MB (VmRSS), undefined when gone. */
export function rssMb(pid: number): number | undefined {
  const status = read(`/proc/${pid}/status`);
  if (status === undefined || !/^VmRSS:/m.test(status)) return undefined;
  return parseRss(status) / (1024 * 1024);
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
  return uptimeS - start / CLOCK_TICKS;
}
