/**
 * The `ssh` measurement: logged-in sessions of this container's sshd. Each authenticated
 * connection has one unprivileged child titled "sshd: user@pts/0" or "sshd: user@notty"
 * ("sshd-session: ..." from OpenSSH 9.8 on); connections still authenticating have no '@'.
 * Only descendants of the supervised sshd count, so another sshd on the host is not included.
 * nginxCollectors (at the end) is the service's list: nginx's stub_status and this one.
 */
import { readFile, readdir } from 'node:fs/promises';
import { measurementPoint, nginxStatusCollector, type Collector, type MetricPoint, type ProcessView } from '@ft/agent';
import type { NginxContext } from './env.js';
import { nginxStatusUrl } from './paths.js';

const SESSION_TITLE = /^sshd(?:-session)?: \S+@\S+/;

export function isSessionTitle(cmdline: string): boolean {
  return SESSION_TITLE.test(cmdline.replace(/\0/g, ' ').trim());
}

/** Parent pid from /proc/<pid>/stat (the name may hold spaces and parentheses: fields follow the last ')'). */
export function parentPid(stat: string): number | undefined {
  const close = stat.lastIndexOf(')');
  const ppid = Number(stat.slice(close + 2).split(' ')[1]);
  return close > 0 && Number.isInteger(ppid) ? ppid : undefined;
}

export async function countSessions(rootPid: number, procRoot = '/proc'): Promise<number> {
  const entries = (await readdir(procRoot)).filter((e) => /^\d+$/.test(e));
  const procs = await Promise.all(
    entries.map(async (e) => {
      try {
        const [stat, cmdline] = await Promise.all([readFile(`${procRoot}/${e}/stat`, 'utf8'), readFile(`${procRoot}/${e}/cmdline`, 'utf8')]);
        return { pid: Number(e), ppid: parentPid(stat), cmdline };
      } catch {
        return undefined; // exited while we read
      }
    }),
  );
  const children = new Map<number, { pid: number; cmdline: string }[]>();
  for (const p of procs) {
    if (!p || p.ppid === undefined) continue;
    const list = children.get(p.ppid) ?? [];
    list.push(p);
    children.set(p.ppid, list);
  }
  let sessions = 0;
  const queue = [rootPid];
  const seen = new Set<number>();
  while (queue.length > 0) {
    const pid = queue.pop() as number;
    if (seen.has(pid)) continue;
    seen.add(pid);
    for (const child of children.get(pid) ?? []) {
      // A session's own descendants are the user's programs, which may call themselves anything.
      if (isSessionTitle(child.cmdline)) sessions++;
      else queue.push(child.pid);
    }
  }
  return sessions;
}

export function sshSessionsCollector(processes: ProcessView, processName = 'sshd'): Collector {
  return {
    name: 'ssh',
    async collect(): Promise<MetricPoint[]> {
      const pid = processes.pid(processName);
      if (pid === undefined) return [];
      return [measurementPoint('ssh', { sessions: await countSessions(pid) })];
    },
  };
}

/** The service's collectors: nginx's stub_status and the SSH sessions. */
export function nginxCollectors(ctx: NginxContext): Collector[] {
  return [nginxStatusCollector({ url: nginxStatusUrl(ctx.config.STATUS_PORT) }), sshSessionsCollector(ctx.processes)];
}
