/**
 * Drives the local mode (tools/stack/dist/cli.js) on the runner's own addresses, with a state dir
 * of its own, so the benchmarks never meet another stack on this host (e2e uses 127.0.0.2/.3).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseStackStatus, readStatusFile, removeStackFromHost, type StackStatus, type StatusFile } from '@ft/stack';

export const BENCH_ADDRESS = '127.0.0.8';
export const BENCH_INTERNAL_ADDRESS = '127.0.0.9';

// The status types and their readers are tools/stack's own; re-exported for the benchmarks.
export { activeServices, allReady, serviceOf, type ServiceState, type ServiceStatus, type StackStatus, type StatusFile } from '@ft/stack';

export interface CliRun {
  code: number | null;
  output: string;
  /** From spawn to exit, ms. */
  elapsedMs: number;
}

export interface StackOptions {
  repoRoot: string;
  stateDir: string;
  address?: string;
  internalAddress?: string;
  /** Seconds `up` waits for every service (the CLI's --timeout). */
  upTimeoutS?: number;
}

export class LocalStack {
  readonly stateDir: string;
  readonly address: string;
  readonly internalAddress: string;
  private readonly cli: string;
  private readonly upTimeoutS: number;

  constructor(options: StackOptions) {
    this.stateDir = options.stateDir;
    this.address = options.address ?? BENCH_ADDRESS;
    this.internalAddress = options.internalAddress ?? BENCH_INTERNAL_ADDRESS;
    this.cli = path.join(options.repoRoot, 'tools/stack/dist/cli.js');
    this.upTimeoutS = options.upTimeoutS ?? 180;
  }

  /** `local up`; rejects unless it exits 0, with the CLI's own words. Resolves with its timing. */
  async up(): Promise<CliRun> {
    const run = await this.runCli(['up', '--address', this.address, '--internal-address', this.internalAddress, '--timeout', String(this.upTimeoutS)]);
    if (run.code !== 0) throw new Error(`local up exited ${run.code}:\n${tail(run.output)}`);
    return run;
  }

  async status(): Promise<StackStatus> {
    const run = await this.runCli(['status', '--json']);
    if (run.code !== 0) throw new Error(`local status exited ${run.code}:\n${tail(run.output)}`);
    return parseStackStatus(run.output);
  }

  /**
   * The supervisor's status.json, read directly: no CLI process per poll, so tight polling does not
   * load the machine it measures. Undefined while the file does not exist or is being replaced.
   */
  async statusFile(): Promise<StatusFile | undefined> {
    return readStatusFile(path.join(this.stateDir, 'status.json')).catch(() => undefined);
  }

  async down(): Promise<CliRun> {
    const run = await this.runCli(['down']);
    if (run.code !== 0) throw new Error(`local down exited ${run.code}:\n${tail(run.output)}`);
    return run;
  }

  /** `local backup FILE`: resolves with its exit code, output and timing (the caller judges). */
  backup(file: string): Promise<CliRun> {
    return this.runCli(['backup', file]);
  }

  /** `local restore FILE` on this stack's addresses. */
  restore(file: string, extra: string[] = []): Promise<CliRun> {
    return this.runCli(['restore', file, '--address', this.address, '--internal-address', this.internalAddress, ...extra]);
  }

  /**
   * Down, then remove what a stack leaves on the host besides its state dir (the SSH and FTP
   * accounts the agents created, WordPress's one-line config include) and the state dir itself:
   * the next `up` starts from nothing, as a first deployment does.
   */
  async purge(): Promise<void> {
    await this.down();
    await removeStackFromHost(this.stateDir);
  }

  private runCli(args: string[]): Promise<CliRun> {
    const [command, ...rest] = args;
    const argv = [this.cli, 'local', command as string, '--state-dir', this.stateDir, ...rest];
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, output, elapsedMs: performance.now() - started }));
    });
  }
}

/**
 * Runs `fn` with a stack whose `purge` (down, then host accounts and state removed) always runs at
 * the end, even when `fn` throws, so a benchmark leaves nothing behind. `fn` calls `up` itself,
 * to time it.
 */
export async function withStack<T>(options: StackOptions, fn: (stack: LocalStack) => Promise<T>): Promise<T> {
  const stack = new LocalStack(options);
  try {
    return await fn(stack);
  } finally {
    // A failed purge must not hide fn's own error; say it and go on.
    await stack.purge().catch((err: unknown) => console.error(`[bench] local down failed: ${(err as Error).message}`));
  }
}

function tail(text: string, lines = 30): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}
