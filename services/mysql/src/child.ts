/**
 * The first start's helper processes (mariadb-install-db, the temporary mariadbd): their output
 * goes to the agent's log, and the last lines are kept for the error when one fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import type { Logger } from '@ft/agent';


export interface ChildRun {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last lines printed, joined, for an error message. */
  tail(): string;
}

const TAIL_LINES = 8;

export function spawnLogged(
  name: string,
  argv: readonly [string, ...string[]],
  log: Logger,
  options: { user?: { uid: number; gid: number }; level?: 'info' | 'debug' } = {},
): ChildRun {
  const { user, level = 'info' } = options;
  const [command, ...args] = argv;
  // Only PATH: the agent's environment holds the passwords.
  const child = spawn(command, args, { env: { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin' }, uid: user?.uid, gid: user?.gid, stdio: ['ignore', 'pipe', 'pipe'] });
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
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  // A spawn error is reported through `exited`; this keeps it from also being "unhandled".
  exited.catch(() => undefined);
  return { child, exited, tail: () => lines.join(' | ') };
}

/** Runs to the end; its output is logged at debug level (the error carries the last lines). */
export async function runLogged(name: string, argv: readonly [string, ...string[]], log: Logger, signal: AbortSignal): Promise<void> {
  const run = spawnLogged(name, argv, log, { level: 'debug' });
  const abort = (): void => void run.child.kill('SIGKILL');
  signal.addEventListener('abort', abort, { once: true });
  try {
    const { code, signal: sig } = await run.exited;
    if (code !== 0) throw new Error(`${name} ${sig ? `killed by ${sig}` : `exited with code ${code}`}: ${run.tail()}`);
  } finally {
    signal.removeEventListener('abort', abort);
  }
}
