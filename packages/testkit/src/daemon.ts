/** A foreground server process started by a test, with its output kept in a log file. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { once } from 'node:events';

export interface DaemonOptions {
  argv: readonly [string, ...string[]];
  logFile: string;
  env?: Record<string, string>;
  cwd?: string;
}

export class Daemon {
  readonly child: ChildProcess;
  readonly logFile: string;
  private readonly exited: Promise<void>;

  constructor(options: DaemonOptions) {
    const [cmd, ...args] = options.argv;
    this.logFile = options.logFile;
    const log = createWriteStream(options.logFile, { flags: 'a' });
    this.child = spawn(cmd, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Own process group, so stop() takes the daemon's workers with it.
      detached: true,
    });
    this.child.stdout?.pipe(log, { end: false });
    this.child.stderr?.pipe(log, { end: false });
    this.exited = once(this.child, 'exit').then(() => undefined);
    this.child.once('error', () => undefined);
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error(`daemon did not start; see ${this.logFile}`);
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The log so far, for assertion messages. */
  async log(): Promise<string> {
    return readFile(this.logFile, 'utf8').catch(() => '');
  }

  /** SIGTERM to the group, SIGKILL after graceMs. Safe to call twice. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.signalGroup('SIGTERM');
    const timer = setTimeout(() => this.signalGroup('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
    this.signalGroup('SIGKILL');
  }

  /** kill -9 of the main process only, as a crash would. */
  async crash(): Promise<void> {
    if (!this.running) return;
    process.kill(this.pid, 'SIGKILL');
    await this.exited;
    this.signalGroup('SIGKILL');
  }

  private signalGroup(signal: NodeJS.Signals): void {
    try {
      process.kill(-this.pid, signal);
    } catch {
      // group already gone
    }
  }
}
