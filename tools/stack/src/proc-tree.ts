/** Host pids of a service's processes: unshare -> tini (PID 1 inside) -> node agent.js. */
import { readFileSync } from 'node:fs';

export function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The command line of `pid` as argv, or undefined when it is gone. */
export function cmdlineOf(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

/** tini and node under an unshare pid, each null until it exists. */
export function agentPids(unsharePid: number): { tini: number | null; node: number | null } {
  const tini = childrenOf(unsharePid)[0] ?? null;
  const node = tini === null ? null : (childrenOf(tini)[0] ?? null);
  return { tini, node };
}
