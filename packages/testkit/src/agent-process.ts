/**
 * Runs a bundled service agent (`services/<name>/dist/agent.js`) as a real child process, as the
 * image's tini would, and keeps its JSON log lines for assertions.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import readline from 'node:readline';
import { freePort } from './ports.js';
import { makeTempDir } from './temp-dir.js';
import { waitUntil } from './wait.js';

export interface AgentLogLine {
  level: string | number;
  msg: string;
  process?: string;
  [key: string]: unknown;
}

export interface AgentExit {
  code: number | null;
  signal: string | null;
  at: number;
}

export interface AgentProcess {
  child: ChildProcess;
  agentPort: number;
  runDir: string;
  /** Parsed JSON log lines (the agent's and its daemons'). */
  lines: AgentLogLine[];
  /** Every output line as printed. */
  raw: string[];
  exit: Promise<AgentExit>;
  /** GET on the agent's probe port. */
  get(pathname: string): Promise<{ status: number; body: string; ms: number }>;
  /** Waits for /readyz 200; the error carries the last log lines and the /readyz body. */
  waitReady(timeoutMs?: number): Promise<void>;
  /** PID of the supervised daemon `name` as /readyz lists it (to kill -9 it); throws when it has none. */
  pidOf(name: string): Promise<number>;
  /** SIGTERM, then waits for the exit (SIGKILL after `graceMs`, which would orphan daemons). */
  stop(graceMs?: number): Promise<AgentExit>;
}

/**
 * The AGENT_* settings a test agent needs: a free probe port on loopback, the debian platform,
 * a fresh run dir, a short metrics interval. Service variables go in `overrides`.
 */
export async function agentTestEnv(overrides: Record<string, string | undefined> = {}): Promise<Record<string, string>> {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    AGENT_PORT: String(await freePort()),
    AGENT_HOST: '127.0.0.1',
    AGENT_PLATFORM: 'debian',
    AGENT_RUN_DIR: await makeTempDir('agent-run'),
    AGENT_STOP_GRACE_MS: '5000',
    AGENT_METRICS_INTERVAL_MS: '1000',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

/** Starts `node <bundle>` (or `argv`) with exactly `env`. */
export function startAgentProcess(bundle: string, env: Record<string, string>, argv: string[] = [process.execPath, bundle]): AgentProcess {
  const [cmd, ...args] = argv as [string, ...string[]];
  const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: AgentLogLine[] = [];
  const raw: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => {
      raw.push(line);
      if (process.env.FT_TEST_ECHO_AGENT) process.stderr.write(`${line}\n`);
      try {
        lines.push(JSON.parse(line) as AgentLogLine);
      } catch {
        // not JSON: kept in raw for the assertion that looks for it
      }
    });
  }
  const exit = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as string | null, at: Date.now() }));
  let exited = false;
  void exit.then(() => (exited = true));
  const agentPort = Number(env.AGENT_PORT);
  const handle: AgentProcess = {
    child,
    agentPort,
    runDir: env.AGENT_RUN_DIR ?? '',
    lines,
    raw,
    exit,
    async get(pathname) {
      const started = performance.now();
      const res = await fetch(`http://127.0.0.1:${agentPort}${pathname}`);
      const body = await res.text();
      return { status: res.status, body, ms: performance.now() - started };
    },
    async waitReady(timeoutMs = 30_000) {
      let last = '';
      try {
        await waitUntil(
          async () => {
            if (exited) throw new Error('agent exited');
            const res = await handle.get('/readyz');
            last = res.body;
            return res.status === 200;
          },
          timeoutMs,
          'agent ready',
          100,
        );
      } catch (err) {
        const tail = raw.slice(-15).join('\n  ');
        throw new Error(`${(err as Error).message}\n/readyz: ${last}\nlast log lines:\n  ${tail}`, { cause: err });
      }
    },
    async pidOf(name) {
      const { body } = await handle.get('/readyz');
      const ready = JSON.parse(body) as { processes?: { name: string; pid?: number | null }[] };
      const pid = ready.processes?.find((p) => p.name === name)?.pid;
      if (typeof pid !== 'number' || pid <= 0) throw new Error(`${name} has no pid in /readyz: ${body}`);
      return pid;
    },
    async stop(graceMs = 20_000) {
      if (!exited) child.kill('SIGTERM');
      const timer = setTimeout(() => {
        if (!exited) child.kill('SIGKILL');
      }, graceMs);
      try {
        return await exit;
      } finally {
        clearTimeout(timer);
      }
    },
  };
  return handle;
}
