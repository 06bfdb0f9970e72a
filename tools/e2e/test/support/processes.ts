/**
 * The host's view of a service's process tree, read from /proc: the supervisor gives the host PID
 * of each `node agent.js`; its daemons are that process's descendants, in the agent's own PID
 * namespace. A daemon is found by the PID the agent reports for it (a namespace PID, matched with
 * the last entry of /proc/<pid>/status NSpid) and checked by its command name, so a kill can never
 * hit anything but that daemon.
 */
import { readFileSync, readdirSync } from 'node:fs';

export interface ProcInfo {
  pid: number;
  ppid: number;
  /** The kernel's command name (15 characters at most). */
  comm: string;
  /** Start time in clock ticks after boot: the smallest is the oldest (a daemon's master). */
  startTicks: number;
  /** PIDs from the host's namespace down to the process's own (NSpid). */
  nsPids: number[];
}

/** /proc/<pid>/stat and status, or undefined when the process is gone (or went while reading). */
export function procInfo(pid: number): ProcInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm sits in parentheses and may itself hold spaces or ')': the fields follow the last ')'.
    const open = stat.indexOf('(');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(open + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    // After comm: state(3) ppid(4) ... starttime(22), numbered from 1 as in proc(5).
    const ppid = Number(fields[1]);
    const startTicks = Number(fields[19]);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const nsLine = /^NSpid:\s*(.*)$/m.exec(status)?.[1] ?? String(pid);
    const nsPids = nsLine.trim().split(/\s+/).map(Number);
    return { pid, ppid, comm, startTicks, nsPids };
  } catch {
    return undefined;
  }
}

function allProcesses(): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const info = procInfo(Number(entry));
    if (info) out.push(info);
  }
  return out;
}

/** Every living descendant of `root` (not `root` itself), parents before children. */
export function descendantsOf(root: number): ProcInfo[] {
  const byParent = new Map<number, ProcInfo[]>();
  for (const p of allProcesses()) {
    const siblings = byParent.get(p.ppid) ?? [];
    siblings.push(p);
    byParent.set(p.ppid, siblings);
  }
  const out: ProcInfo[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const parent = queue.shift() as number;
    for (const child of byParent.get(parent) ?? []) {
      out.push(child);
      queue.push(child.pid);
    }
  }
  return out;
}

export interface DaemonQuery {
  /** What the kernel calls the daemon (php-fpm8.2, mariadbd, ...). */
  comm: RegExp;
  /** The PID the agent reports for it inside its namespace, when it reports one. */
  nsPid?: number | undefined;
}

/**
 * The host PID of a daemon under `agentPid`: the descendant whose innermost PID is `nsPid` and
 * whose name matches; without `nsPid`, the oldest descendant whose name matches (the master, not a
 * worker). Throws, listing what is there, when nothing fits.
 */
export function findDaemon(agentPid: number, query: DaemonQuery): ProcInfo {
  const tree = descendantsOf(agentPid);
  const named = tree.filter((p) => query.comm.test(p.comm));
  const found =
    query.nsPid !== undefined
      ? named.find((p) => p.nsPids[p.nsPids.length - 1] === query.nsPid)
      : [...named].sort((a, b) => a.startTicks - b.startTicks || a.pid - b.pid)[0];
  if (!found) {
    const seen = tree.map((p) => `${p.pid}/${p.nsPids.join(':')} ${p.comm}`).join(', ');
    throw new Error(`no ${query.comm} ${query.nsPid !== undefined ? `with namespace pid ${query.nsPid} ` : ''}under agent ${agentPid}; its descendants: ${seen || 'none'}`);
  }
  return found;
}
