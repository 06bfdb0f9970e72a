/**
 * An influxd the bootstrap runs for a few seconds and stops again, before the supervised one starts.
 * It is not the service's daemon (the supervisor never sees it), so this module owns its whole life:
 * it runs as influxd's user with a clean environment, its output is kept for the error message, and
 * it is stopped on every way out, including the agent's own shutdown.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { InfluxClient, describeError, lookupUser } from '@ft/agent';

export interface TemporaryInfluxdOptions {
  binary: string;
  configFile: string;
  /** Base URL its HTTP listener answers on. */
  url: string;
  user: string | undefined;
  /** Aborted at agent shutdown: the process is signalled at once, synchronously. */
  signal: AbortSignal;
  /** Lines of its output, for debugging. */
  onLine: (line: string) => void;
}

const TAIL_LINES = 20;

export class TemporaryInfluxd {
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;
  private readonly tail: string[] = [];
  private readonly onAbort = (): void => this.signalGroup('SIGTERM');
  /** For /ping only; without keep-alive, so no socket outlives the instance. */
  private readonly client: InfluxClient;

  constructor(private readonly options: TemporaryInfluxdOptions) {
    this.client = new InfluxClient({ url: options.url, keepAlive: false });
    const user = options.user ? lookupUser(options.user) : undefined;
    this.child = spawn(options.binary, ['run', '-config', options.configFile], {
      // influxd reads INFLUXDB_* variables as config overrides (INFLUXDB_DATA_DIR among them, with
      // another meaning than ours): it gets nothing of the agent's environment.
      env: { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', HOME: user?.home ?? '/' },
      uid: user?.uid,
      gid: user?.gid,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.exited = new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.once('error', (err) => {
        this.keep(`spawn failed: ${describeError(err)}`);
        resolve();
      });
    });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (stream) readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => this.keep(line));
    }
    options.signal.addEventListener('abort', this.onAbort, { once: true });
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null && this.child.pid !== undefined;
  }

  /** Resolves once GET /ping answers 204; rejects when influxd exits, the deadline passes, or on abort. */
  async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer yet';
    for (;;) {
      if (this.options.signal.aborted) throw new Error('agent stopping');
      if (!this.running) throw new Error(`influxd exited (${this.exitText()}) before answering; its last lines:\n${this.output()}`);
      try {
        await this.client.ping(AbortSignal.timeout(2_000));
        return;
      } catch (err) {
        last = describeError(err);
      }
      if (Date.now() > deadline) throw new Error(`influxd not answering after ${timeoutMs} ms (${last}); its last lines:\n${this.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** SIGTERM (influxd closes its files cleanly), SIGKILL after graceMs. Safe to call twice. */
  async stop(graceMs = 30_000): Promise<void> {
    this.options.signal.removeEventListener('abort', this.onAbort);
    if (this.running) {
      this.signalGroup('SIGTERM');
      const timer = setTimeout(() => this.signalGroup('SIGKILL'), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    this.signalGroup('SIGKILL');
  }

  /** The last lines it printed. */
  output(): string {
    return this.tail.join('\n');
  }

  private keep(line: string): void {
    this.tail.push(line);
    if (this.tail.length > TAIL_LINES) this.tail.shift();
    this.options.onLine(line);
  }

  private exitText(): string {
    return this.child.signalCode ? `signal ${this.child.signalCode}` : `code ${this.child.exitCode}`;
  }

  private signalGroup(signal: NodeJS.Signals): void {
    const pid = this.child.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  }
}
