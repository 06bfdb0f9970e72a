/**
 * The first start's private mariadbd: no TCP listener, its own socket under the run dir, so no
 * client can reach the server before root has a password and the WordPress account exists.
 */
import { lookupUser } from '@ft/agent';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@ft/agent';
import { spawnLogged, type ChildRun } from './child.js';
import { closeQuietly, connectAsRoot, type Connection } from './mysql-client.js';
import type { MysqlPaths } from './paths.js';
import type { MysqlPlatform } from './platform.js';

export interface InitServer {
  conn: Connection;
  /** SHUTDOWN-equivalent: SIGTERM and wait; rejects unless it stops cleanly. */
  stop(): Promise<void>;
  /** For failures: kill -9 and wait, never throws. */
  kill(): Promise<void>;
}

export interface InitServerOptions {
  platform: MysqlPlatform;
  paths: MysqlPaths;
  log: Logger;
  signal: AbortSignal;
  /** Default 120 s: the temporary server creates InnoDB's files on its first start. */
  readyTimeoutMs?: number;
  stopTimeoutMs?: number;
}

export async function startInitServer(options: InitServerOptions): Promise<InitServer> {
  const { platform, paths, log, signal } = options;
  const user = lookupUser(platform.user);
  const run = spawnLogged(
    'mariadbd-init',
    [platform.mariadbd, `--defaults-file=${paths.config}`, '--skip-networking', `--socket=${paths.initSocket}`, `--pid-file=${paths.initPidFile}`],
    log,
    { user },
  );
  let exited = false;
  void run.exited.then(
    () => (exited = true),
    () => (exited = true),
  );
  const kill = async (): Promise<void> => {
    if (!exited) run.child.kill('SIGKILL');
    await run.exited.catch(() => undefined);
  };
  // The agent exits soon after its stop signal, without waiting for init: the server must not
  // outlive it. The marker stays, so the next start begins again from scratch.
  const onAbort = (): void => void kill();
  signal.addEventListener('abort', onAbort, { once: true });
  void run.exited.finally(() => signal.removeEventListener('abort', onAbort)).catch(() => undefined);
  try {
    const conn = await waitForSocket(run, paths.initSocket, options.readyTimeoutMs ?? 120_000, signal, () => exited);
    return { conn, kill, stop: () => stopServer(run, conn, options.stopTimeoutMs ?? 60_000, kill) };
  } catch (err) {
    await kill();
    throw err;
  }
}

async function waitForSocket(run: ChildRun, socket: string, timeoutMs: number, signal: AbortSignal, hasExited: () => boolean): Promise<Connection> {
  const deadline = Date.now() + timeoutMs;
  let last = 'not tried yet';
  for (;;) {
    if (signal.aborted) throw new Error('stopped while the temporary server was starting');
    if (hasExited()) {
      const { code, signal: sig } = await run.exited;
      throw new Error(`temporary mariadbd ${sig ? `killed by ${sig}` : `exited with code ${code}`}: ${run.tail()}`);
    }
    if (Date.now() > deadline) throw new Error(`temporary mariadbd not ready after ${timeoutMs} ms: ${last}`);
    try {
      return await connectAsRoot(socket, 2_000);
    } catch (err) {
      last = (err as Error).message;
    }
    await sleep(200);
  }
}

async function stopServer(run: ChildRun, conn: Connection, timeoutMs: number, kill: () => Promise<void>): Promise<void> {
  await closeQuietly(conn);
  run.child.kill('SIGTERM');
  const outcome = await within(run.exited, timeoutMs);
  if (outcome === undefined) {
    await kill();
    throw new Error(`temporary mariadbd did not stop within ${timeoutMs} ms`);
  }
  if (outcome.code !== 0) throw new Error(`temporary mariadbd stopped with ${outcome.signal ?? `code ${outcome.code}`}: ${run.tail()}`);
}

/** The promise's value, or undefined once `ms` have passed; leaves no timer behind. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}
