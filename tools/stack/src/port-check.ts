/**
 * Before `up` starts anything: every address:port the stack will bind must be free. Debian's own
 * daemons (an nginx on 0.0.0.0:80, a mariadb on 3306) are the usual culprits, so the holder is
 * named when `ss` can tell.
 */
import { execFile } from 'node:child_process';
import net from 'node:net';
import { promisify } from 'node:util';
import type { Listener } from './local-layout.js';

const exec = promisify(execFile);

export interface PortProblem {
  listener: Listener;
  reason: string;
}

/** Binds each listener for an instant; returns the ones that cannot be bound, with why. */
export async function findPortProblems(listeners: readonly Listener[]): Promise<PortProblem[]> {
  const problems: PortProblem[] = [];
  for (const listener of listeners) {
    const code = await tryBind(listener.host, listener.port);
    if (code === null) continue;
    if (code === 'EADDRINUSE') {
      const holder = await holderOf(listener.host, listener.port);
      problems.push({ listener, reason: `already in use${holder ? ` by ${holder}` : ''}` });
    } else if (code === 'EADDRNOTAVAIL') {
      problems.push({ listener, reason: `${listener.host} is not an address of this host` });
    } else {
      problems.push({ listener, reason: `cannot be bound (${code})` });
    }
  }
  return problems;
}

export function describePortProblems(problems: readonly PortProblem[]): string {
  return problems.map((p) => `  ${p.listener.host}:${p.listener.port} (${p.listener.what}): ${p.reason}`).join('\n');
}

function tryBind(host: string, port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(null)));
  });
}

/** `nginx (pid 123) on 0.0.0.0:80` from `ss -ltnpH`, or undefined. Only a listener that covers `host` counts. */
async function holderOf(host: string, port: number): Promise<string | undefined> {
  try {
    const { stdout } = await exec('ss', ['-ltnpH', `sport = :${port}`]);
    const covers = new Set([`${host}:${port}`, `0.0.0.0:${port}`, `*:${port}`, `[::]:${port}`]);
    for (const line of stdout.split('\n')) {
      const local = line.trim().split(/\s+/)[3];
      if (!local || !covers.has(local)) continue;
      const proc = /\(\("([^"]+)",pid=(\d+)/.exec(line);
      return proc ? `${proc[1]} (pid ${proc[2]}) on ${local}` : `a process on ${local}`;
    }
    return undefined;
  } catch {
    return undefined;
  }
}
