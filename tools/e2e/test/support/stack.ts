/**
 * The local-mode CLI (tools/stack, contract section 2) as the suites use it: up, down and
 * `status --json`, whose answer is validated (parseStackStatus) so that a change in its shape
 * fails loudly.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { waitUntil } from '@ft/testkit';
import { activeServices, DEFAULT_ADDRESS, DEFAULT_INTERNAL_ADDRESS, parseStackStatus, type StackStatus } from '@ft/stack';

export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
export const CLI = path.join(REPO, 'tools/stack/dist/cli.js');

/** The addresses the suites run the stack on (the CLI's defaults). */
export const ADDRESS = DEFAULT_ADDRESS;
export const INTERNAL_ADDRESS = DEFAULT_INTERNAL_ADDRESS;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs a program with its arguments from the repository; never throws for a non-zero exit (the caller decides). */
export function runProgram(program: string, args: readonly string[], timeoutMs: number): Promise<CliResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(program, [...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** Runs `node cli.js local <args>`; never throws for a non-zero exit (the caller decides). */
export function stackCli(args: readonly string[], timeoutMs = 60_000): Promise<CliResult> {
  return runProgram(process.execPath, [CLI, 'local', ...args], timeoutMs);
}

/** `status --json` through the CLI: what a user would see. */
export async function readStatus(stateDir: string): Promise<StackStatus> {
  const result = await stackCli(['status', '--json', '--state-dir', stateDir], 30_000);
  if (result.code !== 0) throw new Error(`status --json exited ${result.code}: ${result.stderr || result.stdout}`);
  return parseStackStatus(result.stdout);
}

/**
 * `<state>/status.json`, which the CLI's status reads and the supervisor rewrites on every change:
 * for the fault suite's frequent polls, without a node start each time. Falls back to the CLI
 * when the file does not have the same shape.
 */
export async function readStatusFast(stateDir: string): Promise<StackStatus> {
  try {
    return parseStackStatus(await readFile(path.join(stateDir, 'status.json'), 'utf8'));
  } catch {
    return readStatus(stateDir);
  }
}

/** One line per service, as a table for the test output. */
export function statusTable(status: StackStatus): string {
  const rows = status.services.map((s) => [s.name, s.state, String(s.restarts), String(s.pid ?? '-'), String(s.agentPort ?? '-'), s.lastFailure ?? '']);
  const header = ['service', 'state', 'restarts', 'pid', 'agent', 'last failure'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return [header, ...rows]
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** The agent's own /readyz (on the internal address), with the namespace PIDs of its daemons. */
export async function agentReadyz(agentPort: number): Promise<{ status: number; processes: Array<{ name: string; pid: number | null }>; body: string }> {
  const res = await fetch(`http://${INTERNAL_ADDRESS}:${agentPort}/readyz`, { signal: AbortSignal.timeout(5_000) });
  const body = await res.text();
  const parsed = z.object({ processes: z.array(z.object({ name: z.string(), pid: z.number().nullable().optional() })).optional() }).safeParse(JSON.parse(body));
  const processes = (parsed.success ? (parsed.data.processes ?? []) : []).map((p) => ({ name: p.name, pid: p.pid ?? null }));
  return { status: res.status, processes, body };
}

/** Every running service ready, or the status table in the error. */
export async function allReady(stateDir: string, timeoutMs: number): Promise<StackStatus> {
  let last: StackStatus | undefined;
  try {
    return await waitUntil(
      async () => {
        last = await readStatusFast(stateDir);
        return activeServices(last).every((s) => s.state === 'ready') ? last : undefined;
      },
      timeoutMs,
      'every service ready',
      500,
    );
  } catch (err) {
    throw new Error(`${String(err)}\n${last ? statusTable(last) : ''}`, { cause: err });
  }
}
