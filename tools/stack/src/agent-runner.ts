/**
 * One service of the local mode, as kubelet runs a container: its agent in its own PID namespace,
 * with its container's capabilities and no_new_privs
 * (`unshare --pid --fork --mount-proc --kill-child setpriv ... -- tini -s -- node agent.js`),
 * restarted with backoff whenever it exits, each exit counted. Output goes to the service's log,
 * with a launcher line at every (re)start and exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { openSync, closeSync, writeSync } from 'node:fs';
import { setprivArgs, type ContainerPrivileges } from './container-privileges.js';
import { lastLoggedError } from './last-logged-error.js';
import { childrenOf } from '@ft/agent/host';
import { RestartBackoff, type BackoffOptions, DEFAULT_BACKOFF } from './restart-backoff.js';
import type { LastExit } from './status-file.js';
import type { ServiceName } from '@ft/platform';

export interface AgentRunnerOptions {
  name: ServiceName;
  /** node agent.js argv, run as PID 2 under tini. */
  agentArgv: string[];
  env: Record<string, string>;
  /** What its container's securityContext grants (k8s/, via container-privileges.json). */
  privileges: ContainerPrivileges;
  log: string;
  backoff?: BackoffOptions;
  /** Grace after SIGTERM before the namespace is killed (the agent's own grace is 10 s). */
  stopGraceMs?: number;
  onChange: () => void;
  /** Told at every unexpected exit, with the failure line status shows. */
  onExit?: (failure: string) => void;
}

export class AgentRunner {
  restarts = 0;
  lastExit: LastExit | null = null;
  /** The exit as a failure line, until the next start becomes ready. */
  exitFailure: string | null = null;
  child: ChildProcess | null = null;
  startedAt = 0;
  private stopping = false;
  private restartTimer: NodeJS.Timeout | null = null;
  private readonly backoff: RestartBackoff;

  constructor(private readonly options: AgentRunnerOptions) {
    this.backoff = new RestartBackoff(options.backoff ?? DEFAULT_BACKOFF);
  }

  get name(): ServiceName {
    return this.options.name;
  }

  /** Host pids of tini and of the node agent (null until they exist). */
  pids(): { tini: number | null; node: number | null } {
    const pid = this.child?.pid;
    if (pid === undefined || this.child?.exitCode !== null || this.child.signalCode !== null) return { tini: null, node: null };
    return agentPids(pid);
  }

  start(): void {
    if (this.stopping) return;
    const fd = openSync(this.options.log, 'a', 0o600);
    try {
      this.note(fd, `starting ${this.options.name}${this.restarts > 0 ? ` (restart ${this.restarts})` : ''}`);
      const [node, ...args] = this.options.agentArgv as [string, ...string[]];
      this.child = spawn('unshare', agentCommand(this.options.privileges, node, args), {
        env: this.options.env,
        stdio: ['ignore', fd, fd],
      });
    } finally {
      closeSync(fd);
    }
    this.startedAt = Date.now();
    const child = this.child;
    child.once('error', (err) => this.appendLog(`cannot start: ${err.message}`));
    child.once('exit', (code, signal) => this.exited(code, signal));
    this.options.onChange();
  }

  private exited(code: number | null, signal: NodeJS.Signals | null): void {
    const ranMs = Date.now() - this.startedAt;
    this.child = null;
    this.lastExit = { code, signal, at: new Date().toISOString() };
    const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
    if (this.stopping) {
      this.appendLog(`stopped: the agent ${how}`);
      this.options.onChange();
      return;
    }
    // kubelet counts every container exit as a restart; so do we.
    this.restarts += 1;
    const logged = lastLoggedError(this.options.log);
    this.exitFailure = `agent ${how}${logged ? `: ${logged}` : code === 78 ? ' (bad configuration: see the log)' : ''}`;
    this.options.onExit?.(this.exitFailure);
    const delay = this.backoff.delayAfter(ranMs);
    this.appendLog(`the agent ${how} after ${(ranMs / 1000).toFixed(1)} s; restart ${this.restarts} in ${(delay / 1000).toFixed(1)} s`);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      this.start();
    }, delay);
    this.options.onChange();
  }

  /** SIGTERM to tini (forwarded to the agent, which stops its daemons); SIGKILL of the namespace after the grace. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exit = once(child, 'exit');
    const { tini } = this.pids();
    // unshare blocks SIGTERM while it waits for its child; before tini exists only SIGKILL of
    // unshare works (its --kill-child then kills tini).
    if (tini !== null) signal(tini, 'SIGTERM');
    else child.kill('SIGKILL');
    const timer = setTimeout(() => {
      const late = this.pids().tini;
      this.appendLog(`still running ${((this.options.stopGraceMs ?? 20_000) / 1000).toFixed(0)} s after SIGTERM: killing its PID namespace`);
      // PID 1 of a namespace dying takes every process of the namespace with it.
      if (late !== null) signal(late, 'SIGKILL');
      child.kill('SIGKILL');
    }, this.options.stopGraceMs ?? 20_000);
    try {
      await exit;
    } finally {
      clearTimeout(timer);
    }
  }

  appendLog(message: string): void {
    try {
      const fd = openSync(this.options.log, 'a', 0o600);
      try {
        this.note(fd, message);
      } finally {
        closeSync(fd);
      }
    } catch {
      // the log dir is gone: nothing useful to do
    }
  }

  private note(fd: number, message: string): void {
    writeSync(fd, `${JSON.stringify({ time: Date.now(), level: 'info', launcher: true, service: this.options.name, msg: `[launcher] ${message}` })}\n`);
  }
}

/**
 * unshare's arguments: the namespace is made with the launcher's full privileges (unshare and
 * mounting /proc need CAP_SYS_ADMIN), then setpriv, PID 1 of the namespace, drops the bounding set
 * and execs tini: from there on every process of the service has the container's privileges.
 */
export function agentCommand(privileges: ContainerPrivileges, node: string, args: string[]): string[] {
  return ['--pid', '--fork', '--mount-proc', '--kill-child', 'setpriv', ...setprivArgs(privileges), '--', 'tini', '-s', '--', node, ...args];
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/** tini and node under an unshare pid (unshare -> tini, PID 1 inside -> node agent.js), each null until it exists. */
export function agentPids(unsharePid: number): { tini: number | null; node: number | null } {
  const tini = childrenOf(unsharePid)[0] ?? null;
  const node = tini === null ? null : (childrenOf(tini)[0] ?? null);
  return { tini, node };
}
