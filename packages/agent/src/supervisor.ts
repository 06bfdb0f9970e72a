/**
 * Starts the service's daemons in order and watches them. It never restarts one: the first
 * unexpected exit is reported once, and the agent then stops everything and exits non-zero so
 * the orchestrator restarts the container and counts it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import readline from 'node:readline';
import type { Logger } from 'pino';
import { waitAtMost } from './deadline.js';
import { ProcessExitError, ReadyTimeoutError, SpawnError, describeError } from './errors.js';
import { processTree, readProcTable } from './proc-table.js';
import { runProbe } from './run-probe.js';
import { lookupUser } from './system-users.js';
import type { ProcessSpec, ProcessView } from './types.js';

export interface ProcessStatus {
  name: string;
  pid: number | undefined;
  running: boolean;
  ready: boolean;
  startedAt: number;
  exit?: { code: number | null; signal: string | null; at: number };
}

interface Managed {
  spec: ProcessSpec;
  child: ChildProcess;
  status: ProcessStatus;
  exited: Promise<void>;
}

export interface SupervisorOptions {
  log: Logger;
  stopGraceMs: number;
  /** Called once, at the first exit that was not asked for. */
  onUnexpectedExit: (err: ProcessExitError) => void;
}

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export class Supervisor implements ProcessView {
  private readonly managed: Managed[] = [];
  private stopping = false;
  private reported = false;

  constructor(private readonly options: SupervisorOptions) {}

  pid(name: string): number | undefined {
    const m = this.managed.find((x) => x.spec.name === name);
    return m?.status.running ? m.status.pid : undefined;
  }

  names(): readonly string[] {
    return this.managed.map((m) => m.spec.name);
  }

  statuses(): ProcessStatus[] {
    return this.managed.map((m) => ({ ...m.status }));
  }

  /** Starts each process and waits for its readiness before the next. Rejects on the first failure. */
  async startAll(specs: readonly ProcessSpec[], signal: AbortSignal): Promise<void> {
    for (const spec of specs) {
      if (signal.aborted || this.stopping) return;
      const managed = await this.spawnOne(spec);
      await this.waitReady(managed, signal);
    }
  }

  private async spawnOne(spec: ProcessSpec): Promise<Managed> {
    const [command, ...args] = spec.argv;
    const user = spec.user ? lookupUser(spec.user) : undefined;
    const log = this.options.log.child({ process: spec.name });
    const child = spawn(command, args, {
      cwd: spec.cwd,
      // Only what the daemon is declared to need: the agent's own environment holds secrets.
      env: { PATH: process.env.PATH ?? DEFAULT_PATH, HOME: user?.home ?? process.env.HOME ?? '/', ...spec.env },
      uid: user?.uid,
      gid: user?.gid,
      stdio: ['ignore', 'pipe', 'pipe'],
      // A session and process group of its own: stopping signals the daemon and its workers.
      detached: true,
    });
    try {
      await Promise.race([once(child, 'spawn'), once(child, 'error').then(([err]: unknown[]) => Promise.reject(err))]);
    } catch (err) {
      throw new SpawnError(spec.name, describeError(err), { cause: err });
    }
    const status: ProcessStatus = { name: spec.name, pid: child.pid, running: true, ready: false, startedAt: Date.now() };
    const exited = once(child, 'exit').then(([code, sig]) => {
      status.running = false;
      status.exit = { code: code as number | null, signal: sig as string | null, at: Date.now() };
      const err = new ProcessExitError(spec.name, status.exit.code, status.exit.signal);
      if (this.stopping) {
        log.info({ code, signal: sig }, `process ${spec.name} stopped`);
      } else {
        log.error({ code, signal: sig, err: { code: err.code } }, err.message);
        if (!this.reported) {
          this.reported = true;
          this.options.onUnexpectedExit(err);
        }
      }
    });
    for (const [stream, source] of [
      ['stdout', child.stdout],
      ['stderr', child.stderr],
    ] as const) {
      if (!source) continue;
      readline.createInterface({ input: source, crlfDelay: Infinity }).on('line', (line) => log.info({ stream }, line));
    }
    log.info({ pid: child.pid, argv: spec.argv, user: spec.user }, `process ${spec.name} started`);
    const managed: Managed = { spec, child, status, exited };
    this.managed.push(managed);
    return managed;
  }

  private async waitReady(m: Managed, signal: AbortSignal): Promise<void> {
    const ready = m.spec.ready;
    if (!ready) {
      m.status.ready = true;
      return;
    }
    const timeoutMs = ready.timeoutMs ?? 30_000;
    const intervalMs = ready.intervalMs ?? 100;
    const deadline = Date.now() + timeoutMs;
    let last = 'not checked yet';
    while (!signal.aborted) {
      if (!m.status.running) throw new ProcessExitError(m.spec.name, m.status.exit?.code ?? null, m.status.exit?.signal ?? null);
      const left = deadline - Date.now();
      if (left <= 0) throw new ReadyTimeoutError(m.spec.name, timeoutMs, last);
      const outcome = await runProbe(`${m.spec.name} ready`, ready.probe, Math.min(left, 5_000), signal);
      if (outcome.ok && m.status.running) {
        m.status.ready = true;
        this.options.log.info({ process: m.spec.name, ms: Date.now() - m.status.startedAt }, `process ${m.spec.name} ready`);
        return;
      }
      last = outcome.message;
      await waitAtMost(m.exited, intervalMs);
    }
  }

  /** Stops every process in reverse start order: stop signal, grace period, then SIGKILL. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const m of [...this.managed].reverse()) await this.stopOne(m);
  }

  private async stopOne(m: Managed): Promise<void> {
    const pid = m.child.pid;
    if (pid === undefined) return;
    // Workers that left the group (or were reparented later) are found through /proc first.
    const tree = await descendantsOf(pid);
    if (m.status.running) {
      signalGroup(pid, m.spec.stopSignal ?? 'SIGTERM');
      if (!(await waitAtMost(m.exited, this.options.stopGraceMs))) {
        this.options.log.warn(
          { process: m.spec.name },
          `process ${m.spec.name} ignored ${m.spec.stopSignal ?? 'SIGTERM'} for ${this.options.stopGraceMs} ms; SIGKILL`,
        );
        signalGroup(pid, 'SIGKILL');
        await m.exited;
      }
    }
    signalGroup(pid, 'SIGKILL');
    for (const p of tree) signalOne(p, 'SIGKILL');
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    signalOne(pid, signal);
  }
}

function signalOne(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

async function descendantsOf(pid: number): Promise<number[]> {
  try {
    return processTree(await readProcTable(), pid)
      .slice(1)
      .map((e) => e.pid);
  } catch {
    return [];
  }
}
