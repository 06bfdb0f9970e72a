/**
 * Node reaps only the children it spawned itself. As PID 1 it would inherit every orphan of the
 * container and leave them as zombies, so the agent hands PID 1's job to tini: when it finds
 * itself PID 1 it runs its own copy under `tini -s` (a subreaper) and mirrors that copy's exit.
 * In the images tini is PID 1 already and this never triggers.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const MARK = 'FT_AGENT_UNDER_TINI';

export function findTini(): string | undefined {
  const dirs = ['/sbin', '/usr/bin', '/usr/sbin', '/bin', ...(process.env.PATH ?? '').split(':')];
  for (const dir of dirs) {
    const candidate = path.join(dir, 'tini');
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Returns undefined when the agent should simply go on (not PID 1, or already relaunched, or no tini),
 * else a promise of the exit code of the relaunched copy. `warn` is told when no tini exists.
 */
export function relaunchIfPid1(warn: (msg: string) => void): Promise<number> | undefined {
  if (process.pid !== 1 || process.env[MARK] === '1') return undefined;
  const tini = findTini();
  if (!tini) {
    warn('running as PID 1 without tini: orphaned processes will not be reaped; install tini or run the agent under it');
    return undefined;
  }
  const child = spawn(tini, ['-s', '-g', '--', process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, [MARK]: '1' },
  });
  for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'] as const) {
    process.on(sig, () => child.kill(sig));
  }
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? 128 + (signal ? signalNumber(signal) : 0)));
    child.once('error', () => resolve(70));
  });
}

function signalNumber(signal: NodeJS.Signals): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 };
  return numbers[signal] ?? 1;
}
