/**
 * Streams between a command and a file, for the parts: `mariadb-dump ... > part` (gzipped on the
 * way) and `part > mariadb ...` (gunzipped on the way). Argument arrays only, never a shell; the
 * same code serves the local mode (the command runs here) and a cluster (`kubectl exec ...`).
 * A command that fails is a BackupError naming it with the end of its stderr; the partial output
 * file is removed.
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { BackupError } from './errors.js';

export interface StreamOptions {
  /** Extra environment (e.g. MYSQL_PWD): never on the command line, where `ps` shows it. */
  env?: NodeJS.ProcessEnv;
  /** What the step is, for the error message. */
  what: string;
}

const STDERR_KEEP = 4_000;

function describe(argv: readonly string[]): string {
  return argv.join(' ');
}

function collectStderr(child: ReturnType<typeof spawn>): () => string {
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-STDERR_KEEP);
  });
  return () => tail.trim();
}

function exited(child: ReturnType<typeof spawn>): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
}

/** Runs argv and writes its stdout to `file` (gzipped when `gzip`). */
export async function commandToFile(argv: readonly string[], file: string, options: StreamOptions & { gzip?: boolean }): Promise<void> {
  const [cmd, ...args] = argv;
  if (!cmd) throw new Error('empty command');
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
  const stderr = collectStderr(child);
  const done = exited(child);
  try {
    const out = createWriteStream(file, { mode: 0o600 });
    if (!child.stdout) throw new Error('no stdout');
    await (options.gzip ? pipeline(child.stdout, createGzip(), out) : pipeline(child.stdout, out));
    const { code, signal } = await done;
    if (code !== 0)
      throw new BackupError('BACKUP_STEP_FAILED', `${options.what} failed (${describe(argv)}: ${signal ?? `exit ${code}`}): ${stderr() || 'no message'}`);
  } catch (err) {
    child.kill('SIGTERM');
    await rm(file, { force: true });
    if (err instanceof BackupError) throw err;
    const { code } = await done.catch(() => ({ code: null }));
    throw new BackupError(
      'BACKUP_STEP_FAILED',
      `${options.what} failed (${describe(argv)}${code === null ? '' : `: exit ${code}`}): ${stderr() || (err as Error).message}`,
    );
  }
}

/** Runs argv with `file` on its stdin (gunzipped when `gunzip`). */
export async function fileToCommand(file: string, argv: readonly string[], options: StreamOptions & { gunzip?: boolean }): Promise<string> {
  const [cmd, ...args] = argv;
  if (!cmd) throw new Error('empty command');
  const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
  const stderr = collectStderr(child);
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout = (stdout + chunk.toString('utf8')).slice(-STDERR_KEEP);
  });
  const done = exited(child);
  if (!child.stdin) throw new Error('no stdin');
  const feed = options.gunzip ? pipeline(createReadStream(file), createGunzip(), child.stdin) : pipeline(createReadStream(file), child.stdin);
  // A command that exits early closes its stdin: its exit status says why, not the EPIPE.
  const fed = feed.catch((err: unknown) => err as Error);
  const { code, signal } = await done;
  const feedError = await fed;
  if (code !== 0)
    throw new BackupError('BACKUP_STEP_FAILED', `${options.what} failed (${describe(argv)}: ${signal ?? `exit ${code}`}): ${stderr() || 'no message'}`);
  if (feedError instanceof Error) throw new BackupError('BACKUP_STEP_FAILED', `${options.what}: reading ${file} failed: ${feedError.message}`);
  return stdout;
}

/** Runs argv to completion and returns its stdout (for short answers: versions, lists). */
export async function commandOutput(argv: readonly string[], options: StreamOptions & { timeoutMs?: number }): Promise<string> {
  const [cmd, ...args] = argv;
  if (!cmd) throw new Error('empty command');
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env }, timeout: options.timeoutMs ?? 60_000 });
  const stderr = collectStderr(child);
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  const { code, signal } = await exited(child).catch((err: Error) => {
    throw new BackupError('BACKUP_STEP_FAILED', `${options.what} failed (${describe(argv)}): ${err.message}`);
  });
  if (code !== 0)
    throw new BackupError('BACKUP_STEP_FAILED', `${options.what} failed (${describe(argv)}: ${signal ?? `exit ${code}`}): ${stderr() || 'no message'}`);
  return stdout;
}
