/**
 * One local-mode stack for every suite: `local up` on the default addresses (127.0.0.2 public,
 * 127.0.0.3 internal) with a fresh state dir, and `local down` plus the dir's removal afterwards,
 * also when up fails. When up fails, the status table and the end of every unready service's log
 * are printed, so the failure names its cause.
 *
 * FT_E2E_STATE_DIR=<dir> runs the suites on a stack that dir already holds (started if it is not
 * running) and leaves it up and in place: for working on the suites without a cold start each run.
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { PUBLIC_SERVICES, SERVICES, servicePorts } from '@ft/platform';
import type { StackStatus } from '@ft/stack';
import { ADDRESS, CLI, INTERNAL_ADDRESS, readStatus, stackCli, statusTable } from './support/stack.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** upSeconds: how long `local up` took; fresh: started by this run (not FT_E2E_STATE_DIR's). */
    stack: { stateDir: string; upSeconds: number; fresh: boolean };
  }
}

/** up's wait for every service; FT_E2E_UP_TIMEOUT_S overrides it (a short one shows the failure report). */
const UP_TIMEOUT_S = Number(process.env.FT_E2E_UP_TIMEOUT_S ?? 240);
/** Every port the stack binds on each address (the catalogue's; the local layout keeps them). */
const PUBLIC_PORTS = PUBLIC_SERVICES.flatMap(servicePorts);
const INTERNAL_PORTS = SERVICES.filter((s) => !PUBLIC_SERVICES.includes(s)).flatMap(servicePorts);

const log = (text: string): void => void process.stdout.write(`[e2e] ${text}\n`);

function listening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(2_000, () => (socket.destroy(), resolve(false)));
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** A stack (ours, from an earlier run) still on the fixed addresses would make every test lie. */
async function assertAddressesFree(): Promise<void> {
  const taken: string[] = [];
  for (const port of PUBLIC_PORTS) if (await listening(ADDRESS, port)) taken.push(`${ADDRESS}:${port}`);
  for (const port of INTERNAL_PORTS) if (await listening(INTERNAL_ADDRESS, port)) taken.push(`${INTERNAL_ADDRESS}:${port}`);
  if (taken.length > 0) {
    throw new Error(
      `something already listens on ${taken.join(', ')}: a stack from an earlier run? ` +
        `Stop it with: node ${CLI} local down --state-dir <its dir> (the e2e dirs are ${os.tmpdir()}/ft-e2e-*)`,
    );
  }
}

async function tail(file: string, lines: number): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trimEnd().split('\n').slice(-lines).join('\n');
  } catch (err) {
    return `(cannot read ${file}: ${String(err)})`;
  }
}

/** Everything that helps to see why the stack did not come up. */
async function explain(stateDir: string): Promise<void> {
  let status: StackStatus | undefined;
  try {
    status = await readStatus(stateDir);
  } catch (err) {
    log(`no status: ${String(err)}`);
  }
  if (status) {
    log(`status:\n${statusTable(status)}`);
    for (const s of status.services.filter((x) => x.state !== 'ready' && x.state !== 'skipped')) {
      log(`last 40 lines of ${s.log}:\n${await tail(s.log, 40)}`);
    }
  }
  log(`last 20 lines of the launcher's log:\n${await tail(path.join(stateDir, 'launcher.log'), 20)}`);
}

async function down(stateDir: string): Promise<void> {
  const result = await stackCli(['down', '--state-dir', stateDir], 180_000);
  log(`down: exit ${result.code} after ${(result.ms / 1000).toFixed(1)} s ${result.stdout.trim()} ${result.stderr.trim()}`);
  if (result.code === 0) return;
  // A supervisor that would not stop: it is ours (started by this setup), so end it by its PID.
  const pidFile = path.join(stateDir, 'launcher.pid');
  const pid = existsSync(pidFile) ? Number((await readFile(pidFile, 'utf8')).trim()) : NaN;
  if (Number.isInteger(pid) && pid > 1) {
    log(`down failed: SIGTERM to the supervisor ${pid}`);
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // gone already
    }
  }
  throw new Error(`local down exited ${result.code}: ${result.stderr || result.stdout}`);
}

/** The services' and the launcher's logs outlive the state dir, in test-results/stack-logs/ (no secrets in them). */
async function keepLogs(stateDir: string): Promise<void> {
  const target = fileURLToPath(new URL('../test-results/stack-logs', import.meta.url));
  try {
    await rm(target, { recursive: true, force: true });
    await cp(path.join(stateDir, 'logs'), target, { recursive: true });
    await cp(path.join(stateDir, 'launcher.log'), path.join(target, 'launcher.log'));
    log(`logs kept in ${target}`);
  } catch (err) {
    log(`could not keep the logs: ${String(err)}`);
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.FT_E2E_NO_STACK) {
    // Only the support code's own tests: no stack.
    project.provide('stack', { stateDir: '', upSeconds: 0, fresh: false });
    return async () => undefined;
  }
  const kept = process.env.FT_E2E_STATE_DIR;
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build @ft/stack first (npx nx run @ft/stack:build)`);
  if (!kept) await assertAddressesFree();
  const stateDir = kept ?? (await mkdtemp(path.join(os.tmpdir(), 'ft-e2e-')));
  const cleanup = async (): Promise<void> => {
    if (kept) return;
    try {
      await down(stateDir);
    } finally {
      await keepLogs(stateDir);
      await rm(stateDir, { recursive: true, force: true });
    }
  };

  log(`local up --state-dir ${stateDir} (timeout ${UP_TIMEOUT_S} s)`);
  const up = await stackCli(['up', '--state-dir', stateDir, '--timeout', String(UP_TIMEOUT_S)], (UP_TIMEOUT_S + 60) * 1_000);
  const upSeconds = up.ms / 1_000;
  log(`up: exit ${up.code} after ${upSeconds.toFixed(1)} s\n${up.stdout.trim()}${up.stderr.trim() ? `\n${up.stderr.trim()}` : ''}`);
  if (up.code !== 0) {
    await explain(stateDir);
    await cleanup();
    throw new Error(`local up failed (exit ${up.code}) after ${upSeconds.toFixed(0)} s: ${(up.stderr || up.stdout).trim().split('\n').slice(-5).join(' | ')}`);
  }
  try {
    log(`status after up:\n${statusTable(await readStatus(stateDir))}`);
  } catch (err) {
    await cleanup();
    throw err;
  }
  project.provide('stack', { stateDir, upSeconds, fresh: !kept });
  return cleanup;
}
