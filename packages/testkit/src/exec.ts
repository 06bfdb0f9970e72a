/** Runs a setup command (useradd, openssl, ssh-keygen, ...) and fails with its own words. */
import { execFile } from 'node:child_process';

export interface RunOptions {
  /** Written to the command's stdin (chpasswd reads its input there, not from argv). */
  input?: string;
  cwd?: string;
  /** Added to the inherited environment (MYSQL_PWD keeps a password out of argv). */
  env?: Record<string, string>;
  /** Default 60 s: setup commands are quick; a hung one should not hang a suite. */
  timeoutMs?: number;
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

/**
 * Runs `cmd args` without a shell and resolves with its output. On a non-zero exit the error
 * message carries the command line and stderr, but never `input` (it may hold a password).
 */
export function run(cmd: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      cmd,
      args,
      { cwd: options.cwd, env: { ...process.env, ...options.env }, timeout: options.timeoutMs ?? 60_000, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
      (err, stdout, stderr) => {
        if (err) {
          const exitCode = typeof err.code === 'number' ? err.code : undefined;
          const why = stderr.trim() || err.message;
          const failure = new RunError(`${cmd} ${args.join(' ')}: ${why}`, exitCode);
          reject(failure);
          return;
        }
        resolve({ stdout, stderr });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** A command that exited non-zero; `exitCode` lets callers accept known codes (useradd 9). */
export class RunError extends Error {
  readonly exitCode: number | undefined;
  constructor(message: string, exitCode: number | undefined) {
    super(message);
    this.name = 'RunError';
    this.exitCode = exitCode;
  }
}
