/**
 * A temporary daemon for an init step: started privately (loopback on a free port, or a socket
 * only the agent knows), waited for, used to bring state into place, and stopped before the
 * supervised daemon starts. The supervisor never sees it, so this module owns its whole life: it
 * runs as the daemon's user with a clean environment in its own process group, its output goes to
 * the log and the last lines into the error, and it is stopped on every way out, including the
 * agent's own shutdown.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { waitAtMost } from './deadline.js';
import { describeError, TemporaryDaemonError } from './errors.js';
import { describeExit, spawnLogged, type ExitStatus, type LoggedProcess } from './logged-process.js';
import type { Logger } from './logger.js';
import { lookupUser } from './system-users.js';

export interface TemporaryDaemonOptions<H> {
  /** Its name in the log (`process`) and in errors, e.g. `mariadbd-init`. */
  name: string;
  argv: readonly [string, ...string[]];
  /** The system user it runs as; the agent's own when unset. */
  user?: string | undefined;
  log: Logger;
  /** Level of its output in the log. Default debug. */
  logLevel?: 'info' | 'debug';
  /** The agent's stop: the daemon gets `abortSignal` at once, synchronously. */
  signal: AbortSignal;
  /** One attempt to reach it: resolves with what the steps use (a connection, a client), throws while it is not ready. */
  connect: () => Promise<H>;
  readyTimeoutMs: number;
  /** Pause between attempts. Default 200 ms. */
  retryMs?: number;
  /** Closes what connect returned, before the daemon is stopped; must not throw. */
  release?: (handle: H) => Promise<void>;
  /** SIGTERM, then SIGKILL after this long (an error: it did not stop cleanly). Default 30 s. */
  stopTimeoutMs?: number;
  /**
   * What the agent's stop sends. SIGTERM lets it close its files; SIGKILL when whatever it wrote is
   * thrown away anyway at the next start and it must not outlive the agent. Default SIGTERM.
   */
  abortSignal?: 'SIGTERM' | 'SIGKILL';
}

/**
 * Starts the daemon, waits until `connect` succeeds, runs `steps` with its result, then stops the
 * daemon and returns what the steps returned. When the steps fail, the daemon is stopped and their
 * error is thrown; a daemon that exits, never gets ready or does not stop cleanly is a
 * TemporaryDaemonError carrying its last lines.
 */
export async function withTemporaryDaemon<H, R>(options: TemporaryDaemonOptions<H>, steps: (handle: H) => Promise<R>): Promise<R> {
  const { name, signal } = options;
  if (signal.aborted) throw new TemporaryDaemonError(name, 'not started: the agent is stopping');
  const user = options.user === undefined ? undefined : lookupUser(options.user);
  const run = spawnLogged(name, options.argv, options.log, { user, level: options.logLevel ?? 'debug', detached: true });
  let gone = false;
  const exited: Promise<ExitStatus> = run.exited.then(
    (status) => {
      gone = true;
      return status;
    },
    (err: unknown) => {
      gone = true;
      throw new TemporaryDaemonError(name, `could not start: ${describeError(err)}`, { cause: err });
    },
  );
  exited.catch(() => undefined);
  const signalGroup = (sig: NodeJS.Signals): void => {
    const pid = run.child.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, sig);
    } catch {
      // already gone
    }
  };
  const onAbort = (): void => signalGroup(options.abortSignal ?? 'SIGTERM');
  signal.addEventListener('abort', onAbort, { once: true });
  const kill = async (): Promise<void> => {
    signalGroup('SIGKILL');
    await exited.catch(() => undefined);
  };

  try {
    let handle: H;
    try {
      handle = await waitReady(options, run, exited, () => gone);
    } catch (err) {
      await kill();
      throw err;
    }
    let result: R;
    try {
      result = await steps(handle);
    } catch (err) {
      await options.release?.(handle);
      // The steps' error is the one to report; the daemon only has to go.
      await stop(options, run, exited, signalGroup).catch(() => undefined);
      throw err;
    }
    await options.release?.(handle);
    await stop(options, run, exited, signalGroup);
    return result;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

async function waitReady<H>(options: TemporaryDaemonOptions<H>, run: LoggedProcess, exited: Promise<ExitStatus>, isGone: () => boolean): Promise<H> {
  const { name, readyTimeoutMs, signal } = options;
  const deadline = Date.now() + readyTimeoutMs;
  let last = 'not tried yet';
  for (;;) {
    if (signal.aborted) throw new TemporaryDaemonError(name, 'stopped while starting: the agent is stopping');
    if (isGone()) {
      const status = await exited;
      throw new TemporaryDaemonError(name, `${describeExit(status)} before it was ready: ${run.tail()}`);
    }
    if (Date.now() > deadline) throw new TemporaryDaemonError(name, `not ready after ${readyTimeoutMs} ms (${last}): ${run.tail()}`);
    try {
      return await options.connect();
    } catch (err) {
      last = describeError(err);
    }
    await sleep(options.retryMs ?? 200);
  }
}

async function stop<H>(
  options: TemporaryDaemonOptions<H>,
  run: LoggedProcess,
  exited: Promise<ExitStatus>,
  signalGroup: (sig: NodeJS.Signals) => void,
): Promise<void> {
  const timeoutMs = options.stopTimeoutMs ?? 30_000;
  signalGroup('SIGTERM');
  if (!(await waitAtMost(exited, timeoutMs))) {
    signalGroup('SIGKILL');
    await exited.catch(() => undefined);
    throw new TemporaryDaemonError(options.name, `did not stop within ${timeoutMs} ms of SIGTERM (killed): ${run.tail()}`);
  }
  const status = await exited;
  // Whatever it leaves in its process group goes with it.
  signalGroup('SIGKILL');
  if (status.code !== 0) throw new TemporaryDaemonError(options.name, `stopped uncleanly (${describeExit(status)}): ${run.tail()}`);
}
