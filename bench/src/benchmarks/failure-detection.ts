/**
 * Benchmark 3, failure detection: on one local stack, `kill -9` each daemon's master process in
 * turn and time (a) until its agent has exited (it must notice, stop the rest and exit 70) and
 * (b) until the launcher has restarted it and it is ready again. Targets: exit <= 500 ms,
 * ready again <= 10 s.
 */
import path from 'node:path';
import { findDaemon, hasExited, processAgeS } from '../support/proc.js';
import { LocalStack, allReady, serviceOf, type StackStatus } from '../support/stack.js';
import { max, percentile, round } from '../support/stats.js';
import type { BenchContext, BenchResult, Benchmark } from '../types.js';

const EXIT_TARGET_MS = 500;
const READY_TARGET_S = 10;

/**
 * service:daemon, the daemon named by its executable's file name. Ordered so that the two
 * kills of one service are far apart: see RESET_AFTER_S.
 */
export const DAEMONS: ReadonlyArray<readonly [service: string, program: string]> = [
  ['nginx', 'nginx'],
  ['wordpress', 'nginx'],
  ['phpmyadmin', 'nginx'],
  ['mysql', 'mariadbd'],
  ['ftps', 'vsftpd'],
  ['influxdb', 'influxd'],
  ['nginx', 'sshd'],
  ['wordpress', 'php-fpm8.2'],
  ['phpmyadmin', 'php-fpm8.2'],
];

/**
 * The launcher's backoff doubles for an agent that ran less than 60 s (tools/stack
 * restart-backoff.ts). A second kill of one service waits until its agent has run that long, so
 * every figure is a first restart (0.5 s backoff), as a crash in steady state would be.
 */
const RESET_AFTER_S = 61;

/** One int32 to wait on: Atomics.wait is a 1 ms sleep that does not spin a core. */
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Waits until `pid` has exited, checking /proc every 1 ms, and returns the time since `since` in
 * ms, or undefined after `timeoutMs`. Synchronous on purpose: no event-loop delay in the figure.
 */
function waitExitSync(pid: number, since: number, timeoutMs: number): number | undefined {
  for (;;) {
    const elapsed = performance.now() - since;
    if (hasExited(pid)) return elapsed;
    if (elapsed > timeoutMs) return undefined;
    Atomics.wait(sleeper, 0, 0, 1);
  }
}

async function pollStatus(stack: LocalStack, accept: (s: StackStatus) => boolean, timeoutMs: number, what: string): Promise<StackStatus> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const status = await stack.statusFile();
    if (status && accept(status)) return status;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Kill {
  label: string;
  exitMs: number | undefined;
  readyAgainS: number;
  exitCode: number | null;
}

async function killOne(stack: LocalStack, service: string, program: string, log: (l: string) => void): Promise<Kill> {
  const label = `${service}:${program}`;
  // Everything ready first, so one kill's recovery does not overlap the next (a mysql restart
  // makes wordpress and phpmyadmin not ready for a while).
  const before = serviceOf(await pollStatus(stack, allReady, 120_000, 'every service ready'), service);
  if (before.pid === null) throw new Error(`${service} has no agent pid`);
  const agentPid = before.pid;
  const ageS = processAgeS(agentPid) ?? 0;
  if (before.restarts > 0 && ageS < RESET_AFTER_S) {
    log(`${label}: waiting ${(RESET_AFTER_S - ageS).toFixed(0)} s until the ${service} agent has run ${RESET_AFTER_S} s (backoff reset)`);
    await new Promise((r) => setTimeout(r, (RESET_AFTER_S - ageS) * 1000));
    await pollStatus(stack, allReady, 120_000, 'every service ready');
  }
  // The daemon's master (its workers are its children), by the executable rather than comm:
  // mysql starts mariadbd through a link named mysqld. Throws, listing the agent's tree, when none.
  const master = findDaemon(agentPid, { program }).pid;

  const killedAt = performance.now();
  process.kill(master, 'SIGKILL');
  const exitMs = waitExitSync(agentPid, killedAt, 10_000);
  const after = await pollStatus(
    stack,
    (s) => {
      const x = serviceOf(s, service);
      return x.restarts >= before.restarts + 1 && x.ready && x.pid !== agentPid;
    },
    120_000,
    `${label} ready again`,
  );
  const readyAgainS = (performance.now() - killedAt) / 1000;
  const exitCode = serviceOf(after, service).lastExit?.code ?? null;
  log(
    `${label}: master ${master} killed; agent ${agentPid} exited after ${exitMs === undefined ? 'NEVER (10 s)' : `${exitMs.toFixed(1)} ms`} (code ${exitCode}); ready again after ${readyAgainS.toFixed(2)} s`,
  );
  return { label, exitMs, readyAgainS, exitCode };
}

export const benchmark: Benchmark = {
  name: 'failure-detection',
  title: 'Failure detection: kill -9 of each daemon to its agent exit, and to ready again',
  async run(ctx: BenchContext): Promise<BenchResult> {
    const stack = new LocalStack({ repoRoot: ctx.repoRoot, stateDir: path.join(ctx.workDir, 'state'), upTimeoutS: 240 });
    const kills: Kill[] = [];
    const failed: string[] = [];
    const figures: BenchResult['figures'] = {};
    try {
      await stack.purge();
      await stack.up();
      // Restarts while the stack came up (an agent giving up on a dependency) already doubled
      // that service's backoff: killOne waits those out.
      const upStatus = await stack.statusFile();
      figures.restarts_during_up =
        (upStatus?.services ?? [])
          .filter((s) => s.restarts > 0)
          .map((s) => `${s.name}:${s.restarts}`)
          .join(' ') || 'none';
      for (const [service, program] of DAEMONS) {
        try {
          kills.push(await killOne(stack, service, program, (line) => ctx.log(line)));
        } catch (err) {
          // One daemon that cannot be measured must not hide the others' figures.
          const label = `${service}:${program}`;
          failed.push(label);
          figures[`${label}.error`] = (err as Error).message;
          ctx.log(`${label}: ${(err as Error).message}`);
        }
      }
    } finally {
      await stack.purge().catch((err: unknown) => ctx.log(`purge failed: ${(err as Error).message}`));
    }
    if (kills.length === 0) throw new Error(`no daemon could be measured: ${failed.join(', ')}`);

    for (const k of kills) {
      figures[`${k.label}.exit_ms`] = k.exitMs === undefined ? 'none in 10 s' : round(k.exitMs, 1);
      figures[`${k.label}.ready_again_s`] = round(k.readyAgainS);
      figures[`${k.label}.exit_code`] = k.exitCode === null ? 'none' : k.exitCode;
    }
    // A daemon whose agent never exited counts as the 10 s the wait gave it.
    const exits = kills.map((k) => k.exitMs ?? 10_000);
    const readies = kills.map((k) => k.readyAgainS);
    figures.exit_p50_ms = round(percentile(exits, 50), 1);
    figures.exit_max_ms = round(max(exits), 1);
    figures.ready_again_p50_s = round(percentile(readies, 50));
    figures.ready_again_max_s = round(max(readies));
    const worstExit = kills[exits.indexOf(max(exits))]?.label ?? '';
    const worstReady = kills[readies.indexOf(max(readies))]?.label ?? '';
    figures.exit_slowest = worstExit;
    figures.ready_again_slowest = worstReady;

    // A daemon that could not be measured leaves both targets unproven.
    const complete = failed.length === 0;
    const of = complete ? `all ${kills.length}` : `${kills.length} of ${DAEMONS.length}, ${failed.join(', ')} not measured`;
    return {
      figures,
      targets: [
        {
          name: `kill -9 -> agent exit, max (${of})`,
          limit: `<= ${EXIT_TARGET_MS} ms`,
          value: round(max(exits), 1),
          unit: 'ms',
          met: complete && max(exits) <= EXIT_TARGET_MS,
        },
        {
          name: `kill -9 -> ready again, max (${of})`,
          limit: `<= ${READY_TARGET_S} s`,
          value: round(max(readies), 2),
          unit: 's',
          met: complete && max(readies) <= READY_TARGET_S,
        },
      ],
      notes: [
        'Agent exit: /proc/<agent pid> checked every 1 ms after the SIGKILL of the daemon master.',
        "Ready again includes the launcher's restart backoff (0.5 s for a first restart) and its 1 s /readyz probe interval; status.json read every 100 ms.",
      ],
    };
  },
};
