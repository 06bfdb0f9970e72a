/**
 * Helper processes an init step runs itself, outside the supervisor (mariadb-install-db, a
 * temporary daemon): each line they print goes to the agent's log under the process's name, and
 * the last lines are kept for the error message when one fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { CommandError } from './errors.js';
import type { Logger } from './logger.js';

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface LoggedProcess {
  child: ChildProcess;
  /** Settles once the process is gone; rejects when it could not be spawned. */
  exited: Promise<ExitStatus>;
  /** The last lines printed, joined, for an error message. */
  tail(): string;
}

export interface SpawnLoggedOptions {
  /** The system user it runs as; the agent's own when unset. */
  user?: { uid: number; gid: number; home?: string } | undefined;
  /** Level of its lines in the agent's log. Default info. */
  level?: 'info' | 'debug';
  /** Its own process group, so a signal to the group reaches whatever it starts. */
  detached?: boolean;
}

const TAIL_LINES = 20;

export function spawnLogged(name: string, argv: readonly [string, ...string[]], log: Logger, options: SpawnLoggedOptions = {}): LoggedProcess {
  const { user, level = 'info' } = options;
  const [command, ...args] = argv;
  const child = spawn(command, args, {
    // Only PATH and HOME: the agent's environment holds the passwords, and daemons read variables
    // of their own (influxd takes any INFLUXDB_* as a config override).
    env: { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', HOME: user?.home ?? '/' },
    uid: user?.uid,
    gid: user?.gid,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  const lines: string[] = [];
  const childLog = log.child({ process: name });
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      if (line.trim() === '') return;
      lines.push(line);
      if (lines.length > TAIL_LINES) lines.shift();
      childLog[level](line);
    });
  }
  const exited = new Promise<ExitStatus>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  // A spawn error is reported through `exited`; this keeps it from also being "unhandled".
  exited.catch(() => undefined);
  return { child, exited, tail: () => lines.join(' | ') };
}

/** "exited with code 1" or "killed by SIGKILL". */
export function describeExit(status: ExitStatus): string {
  return status.signal ? `killed by ${status.signal}` : `exited with code ${status.code}`;
}

/**
 * Runs a command to its end, its output in the log at debug level; a failure carries the last lines.
 * The agent's stop kills it at once.
 */
export async function runLogged(name: string, argv: readonly [string, ...string[]], log: Logger, signal: AbortSignal): Promise<void> {
  const run = spawnLogged(name, argv, log, { level: 'debug' });
  const abort = (): void => void run.child.kill('SIGKILL');
  signal.addEventListener('abort', abort, { once: true });
  try {
    let status: ExitStatus;
    try {
      status = await run.exited;
    } catch (err) {
      throw new CommandError(name, null, `${name} could not start: ${(err as Error).message}`);
    }
    if (status.code !== 0) throw new CommandError(name, status.code, `${name} ${describeExit(status)}: ${run.tail()}`);
  } finally {
    signal.removeEventListener('abort', abort);
  }
}
