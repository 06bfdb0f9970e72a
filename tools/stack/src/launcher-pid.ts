/** Whether a stack's launcher (the supervisor of its agents) runs: `<state>/launcher.pid`, checked against the live process. */
import { readFile } from 'node:fs/promises';
import { cmdlineOf } from '@ft/agent/host';

/** The launcher's pid when that process is alive and is `local supervise` for this state dir. */
export async function runningLauncher(pidFile: string, stateDir: string): Promise<number | null> {
  let pid: number;
  try {
    pid = Number((await readFile(pidFile, 'utf8')).trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  const argv = cmdlineOf(pid);
  // A stale pid file may name a pid reused by something else: match the command too.
  if (!argv || !argv.includes('supervise') || !argv.includes(stateDir)) return null;
  return pid;
}

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!cmdlineOf(pid)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return !cmdlineOf(pid);
}
