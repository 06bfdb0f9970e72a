/**
 * Runs every check on its own schedule and keeps the latest result. Probes answer from this
 * cache: a request to /healthz never waits on a check.
 */
import type { Logger } from 'pino';
import { runProbe } from './run-probe.js';
import type { CheckSpec } from './types.js';

export interface CheckState {
  name: string;
  scope: 'liveness' | 'readiness';
  /** undefined until the first run finishes. */
  ok: boolean | undefined;
  message: string;
  durationMs: number;
  consecutiveFailures: number;
  failureThreshold: number;
  lastRunAt: number | undefined;
}

const DEFAULTS = { intervalMs: 10_000, timeoutMs: 5_000, failureThreshold: 3 };

export class CheckRunner {
  private readonly states = new Map<string, CheckState>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly controller = new AbortController();

  constructor(
    private readonly checks: readonly CheckSpec[],
    private readonly log: Logger,
    /** Told of every finished run (the /metrics duration histogram). */
    private readonly onRun: (state: CheckState) => void = () => undefined,
  ) {
    for (const check of checks) {
      if (this.states.has(check.name)) throw new Error(`two checks are named ${check.name}`);
      this.states.set(check.name, {
        name: check.name,
        scope: check.scope ?? 'liveness',
        ok: undefined,
        message: 'not run yet',
        durationMs: 0,
        consecutiveFailures: 0,
        failureThreshold: check.failureThreshold ?? DEFAULTS.failureThreshold,
        lastRunAt: undefined,
      });
    }
  }

  start(): void {
    for (const check of this.checks) void this.loop(check);
  }

  stop(): void {
    this.controller.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  snapshot(): CheckState[] {
    return [...this.states.values()].map((s) => ({ ...s }));
  }

  private async loop(check: CheckSpec): Promise<void> {
    if (this.controller.signal.aborted) return;
    await this.runOnce(check);
    if (this.controller.signal.aborted) return;
    // Scheduled after completion: a slow probe never overlaps with itself.
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.loop(check);
    }, check.intervalMs ?? DEFAULTS.intervalMs);
    this.timers.add(timer);
  }

  private async runOnce(check: CheckSpec): Promise<void> {
    const outcome = await runProbe(check.name, check.probe, check.timeoutMs ?? DEFAULTS.timeoutMs, this.controller.signal);
    if (this.controller.signal.aborted) return;
    const state = this.states.get(check.name);
    if (!state) return;
    const wasOk = state.ok;
    state.ok = outcome.ok;
    state.message = outcome.message;
    state.durationMs = outcome.durationMs;
    state.lastRunAt = Date.now();
    state.consecutiveFailures = outcome.ok ? 0 : state.consecutiveFailures + 1;
    this.onRun({ ...state });
    // Log transitions only, so a long outage is one line, not one per interval.
    if (outcome.ok && wasOk !== true) this.log.info({ check: check.name }, `check ${check.name} passing`);
    if (!outcome.ok && wasOk !== false) {
      this.log.warn({ check: check.name, reason: outcome.message }, `check ${check.name} failing: ${outcome.message}`);
    }
  }
}
