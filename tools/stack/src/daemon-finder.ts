/**
 * A daemon's host pid under its agent. The supervisor knows the host pid of each `node agent.js`;
 * its daemons are that process's descendants, in the agent's own PID namespace. A daemon is found
 * by the PID the agent reports for it (a namespace PID, matched with the last entry of
 * /proc/<pid>/status NSpid) or as the oldest matching process (the master, not a worker), and
 * always checked by its name, so a kill can never hit anything but that daemon.
 */
import { readFileSync } from 'node:fs';
import { commOf, descendantsOf, parentOf, programOf, startTicksOf } from '@ft/agent/host';

export interface ProcInfo {
  pid: number;
  ppid: number;
  /** The kernel's command name (15 characters at most). */
  comm: string;
  /** The file name of the executable (sees through links: mysqld -> mariadbd); undefined when not readable. */
  program: string | undefined;
  /** Start time in clock ticks after boot: the smallest is the oldest (a daemon's master). */
  startTicks: number;
  /** PIDs from the host's namespace down to the process's own (NSpid). */
  nsPids: number[];
}

/** What /proc says of `pid`, or undefined when the process is gone (or went while reading). */
export function procInfo(pid: number): ProcInfo | undefined {
  const comm = commOf(pid);
  const ppid = parentOf(pid);
  const startTicks = startTicksOf(pid);
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  if (comm === undefined || ppid === undefined || startTicks === undefined) return undefined;
  const nsLine = /^NSpid:\s*(.*)$/m.exec(status)?.[1] ?? String(pid);
  const nsPids = nsLine.trim().split(/\s+/).map(Number);
  return { pid, ppid, comm, program: programOf(pid), startTicks, nsPids };
}

export interface DaemonQuery {
  /** What the kernel calls the daemon (php-fpm8.2, mariadbd, ...). */
  comm?: RegExp | undefined;
  /** The executable's file name, for a daemon started through a link of another name. */
  program?: string | undefined;
  /** The PID the agent reports for it inside its namespace, when it reports one. */
  nsPid?: number | undefined;
}

/**
 * The host process of a daemon under `agentPid`: the descendant whose innermost PID is `nsPid`
 * and whose name matches; without `nsPid`, the oldest of the matching descendants whose parent
 * does not match too (the master, not one of its workers). Throws,
 * listing what is there, when nothing fits.
 */
export function findDaemon(agentPid: number, query: DaemonQuery): ProcInfo {
  if (query.comm === undefined && query.program === undefined) throw new Error('findDaemon: name the daemon by comm or program');
  const tree = descendantsOf(agentPid)
    .map(procInfo)
    .filter((p): p is ProcInfo => p !== undefined);
  const named = tree.filter((p) => (query.comm === undefined || query.comm.test(p.comm)) && (query.program === undefined || p.program === query.program));
  // A master's workers start within the same clock tick at times: the topmost first, then the oldest.
  const topmost = named.filter((p) => !named.some((q) => q.pid === p.ppid));
  const found =
    query.nsPid !== undefined
      ? named.find((p) => p.nsPids[p.nsPids.length - 1] === query.nsPid)
      : topmost.sort((a, b) => a.startTicks - b.startTicks || a.pid - b.pid)[0];
  if (!found) {
    const what = [query.comm, query.program].filter((x) => x !== undefined).join(' ');
    const seen = tree
      .map((p) => `${p.pid}/${p.nsPids.join(':')} ${p.comm}${p.program !== undefined && p.program !== p.comm ? ` (${p.program})` : ''}`)
      .join(', ');
    throw new Error(
      `no ${what} ${query.nsPid !== undefined ? `with namespace pid ${query.nsPid} ` : ''}under agent ${agentPid}; its descendants: ${seen || 'none'}`,
    );
  }
  return found;
}
