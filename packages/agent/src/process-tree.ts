/** Reads parent links from /proc to find every descendant of a process. */
import { readFileSync, readdirSync } from 'node:fs';

/** ppid from /proc/<pid>/stat; the command name may hold spaces and parentheses, so parse after the last ')'. */
export function readPpid(pid: number, procRoot = '/proc'): number | undefined {
  try {
    const stat = readFileSync(`${procRoot}/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(rest[1]);
  } catch {
    return undefined;
  }
}

/** The one-letter state (R, S, Z, ...) of a process, undefined when it is gone. */
export function readState(pid: number, procRoot = '/proc'): string | undefined {
  try {
    const stat = readFileSync(`${procRoot}/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
  } catch {
    return undefined;
  }
}

export function listPids(procRoot = '/proc'): number[] {
  return readdirSync(procRoot)
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** All descendants of `root` (not root itself), children before grandchildren. */
export function descendants(root: number, procRoot = '/proc'): number[] {
  const children = new Map<number, number[]>();
  for (const pid of listPids(procRoot)) {
    const ppid = readPpid(pid, procRoot);
    if (ppid === undefined) continue;
    const list = children.get(ppid) ?? [];
    list.push(pid);
    children.set(ppid, list);
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const next = queue.shift() as number;
    for (const child of children.get(next) ?? []) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}
