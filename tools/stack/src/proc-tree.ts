/**
 * Process trees from the host's /proc (Linux): a service runs as unshare -> tini (PID 1 inside)
 * -> node agent.js -> its daemons. Every reader answers "gone" (undefined, [] or false) for a
 * process that does not exist or ends while it reads.
 */
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';

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
  return threads.flatMap((tid) => {
    try {
      return readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  });
}

/** Every living descendant of `pid` (not `pid` itself), parents before their children. */
export function descendantsOf(pid: number): number[] {
  return childrenOf(pid).flatMap((child) => [child, ...descendantsOf(child)]);
}

/** tini and node under an unshare pid, each null until it exists. */
export function agentPids(unsharePid: number): { tini: number | null; node: number | null } {
  const tini = childrenOf(unsharePid)[0] ?? null;
  const node = tini === null ? null : (childrenOf(tini)[0] ?? null);
  return { tini, node };
}

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

/** The command line of `pid` as argv, or undefined when it is gone. */
export function cmdlineOf(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

/** The kernel's short name of `pid` (comm, at most 15 characters), undefined when gone. */
export function commOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').replace(/\n$/, '');
  } catch {
    return undefined;
  }
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

/** Parent pid of `pid`, undefined when gone. */
export function parentOf(pid: number): number | undefined {
  const fields = statFields(pid);
  return fields === undefined ? undefined : Number(fields[1]);
}

/**
 * The fields of /proc/<pid>/stat after "(comm)", undefined when gone: comm may hold spaces and
 * ')', so they start after the last ')'. fields[0] is field 3 of proc(5) (state), fields[n] is
 * field n + 3.
 */
export function statFields(pid: number): string[] | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  return stat.slice(stat.lastIndexOf(')') + 2).trim().split(/\s+/);
}
