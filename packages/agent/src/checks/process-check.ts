/**
 * A supervised process is alive: it has a PID and the kernel does not list it as a zombie (a
 * daemon that exited but was not yet reaped still has a /proc entry, in state Z).
 */
import { readFile } from 'node:fs/promises';
import { parseStat } from '../proc-table.js';
import type { Probe, ProcessView } from '../types.js';
import { abortReason } from './abortable.js';
import { checkFailed } from './messages.js';

export function processAliveCheck(processes: ProcessView, name: string): Probe {
  const target = `process ${name}`;
  return async ({ signal }) => {
    const pid = processes.pid(name);
    if (pid === undefined) throw checkFailed(target, 'not running');
    const state = await processState(pid, signal);
    if (state === undefined) throw checkFailed(target, `pid ${pid} has exited`);
    if (state === 'Z') throw checkFailed(target, `pid ${pid} is a zombie`);
    return `pid ${pid} state ${state}`;
  };
}

/** The one-letter state from /proc/<pid>/stat, undefined when there is no such process. */
async function processState(pid: number, signal: AbortSignal): Promise<string | undefined> {
  let stat: string;
  try {
    stat = await readFile(`/proc/${pid}/stat`, { encoding: 'utf8', signal });
  } catch (err) {
    if (signal.aborted) throw abortReason(signal);
    if ((err as { code?: unknown }).code === 'ENOENT' || (err as { code?: unknown }).code === 'ESRCH') return undefined;
    throw err;
  }
  // "pid (comm) S ...": comm may itself hold spaces and parentheses, so the state is the first
  // field after the last ')'.
  return parseStat(stat)?.state;
}
