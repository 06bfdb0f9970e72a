/** Runs the bundled demo agent as a real child process and reads its JSON log lines. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import readline from 'node:readline';
import { freePort, makeTempDir, waitUntil } from '@ft/testkit';

export const DEMO_BUNDLE = path.resolve(__dirname, 'fixtures/demo/dist/agent.js');
export const SECRET = 'correct-horse-battery-staple';

export interface LogLine {
  level: string;
  msg: string;
  process?: string;
  [key: string]: unknown;
}

export interface AgentHandle {
  child: ChildProcess;
  agentPort: number;
  demoPort: number;
  runDir: string;
  lines: LogLine[];
  raw: string[];
  exit: Promise<{ code: number | null; signal: string | null; at: number }>;
  get(pathname: string): Promise<{ status: number; body: string; ms: number }>;
  waitReady(timeoutMs?: number): Promise<void>;
}

export async function demoEnv(overrides: Record<string, string | undefined> = {}): Promise<Record<string, string>> {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    AGENT_PORT: String(await freePort()),
    AGENT_HOST: '127.0.0.1',
    AGENT_PLATFORM: 'debian',
    AGENT_RUN_DIR: await makeTempDir('demo-run'),
    AGENT_STOP_GRACE_MS: '2000',
    AGENT_METRICS_INTERVAL_MS: '1000',
    DEMO_GREETING: 'bonjour',
    DEMO_PORT: String(await freePort()),
    DEMO_SECRET: SECRET,
    ...overrides,
  };
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

/** Starts `argv` (default: node <bundle>) with `env`. */
export function startAgent(env: Record<string, string>, argv: string[] = [process.execPath, DEMO_BUNDLE]): AgentHandle {
  const [cmd, ...args] = argv as [string, ...string[]];
  const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: LogLine[] = [];
  const raw: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => {
      raw.push(line);
      try {
        lines.push(JSON.parse(line) as LogLine);
      } catch {
        // not JSON: kept in raw for the assertion that checks it
      }
    });
  }
  const exit = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as string | null, at: Date.now() }));
  const agentPort = Number(env.AGENT_PORT);
  const handle: AgentHandle = {
    child,
    agentPort,
    demoPort: Number(env.DEMO_PORT),
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
    async waitReady(timeoutMs = 15_000) {
      await waitUntil(async () => (await handle.get('/readyz')).status === 200, timeoutMs, `demo agent ready (log: ${raw.slice(-5).join(' | ')})`, 100);
    },
  };
  return handle;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
