/** Init steps most services need, ready to put in a definition's `init` list. */
import { runProbe } from './run-probe.js';
import type { InitStep, PlatformData, Probe, ServiceContext } from './types.js';

export interface WaitOptions {
  /** Pause between attempts. Default 1 s. */
  intervalMs?: number;
  /** Time one attempt may take. Default 5 s. */
  attemptTimeoutMs?: number;
  /** A failing dependency is logged at the first failure, then at most this often. Default 30 s. */
  logEveryMs?: number;
}

/**
 * Waits, without a deadline, until `probe` passes: a dependency (the database) that is not up yet
 * keeps this container alive and not ready, instead of crash-looping it. Stops at shutdown.
 */
export function waitForDependency<C, P extends PlatformData>(ctx: ServiceContext<C, P>, name: string, probe: Probe, options: WaitOptions = {}): InitStep {
  const intervalMs = options.intervalMs ?? 1_000;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 5_000;
  const logEveryMs = options.logEveryMs ?? 30_000;
  return {
    name: `wait for ${name}`,
    async run() {
      const started = Date.now();
      let lastLog = 0;
      let attempts = 0;
      while (!ctx.signal.aborted) {
        attempts++;
        const outcome = await runProbe(name, probe, attemptTimeoutMs, ctx.signal);
        if (outcome.ok) {
          if (attempts > 1) ctx.log.info({ dependency: name, attempts, ms: Date.now() - started }, `${name} is available`);
          return;
        }
        ctx.progress(`waiting for ${name}: ${outcome.message}`);
        if (Date.now() - lastLog >= logEveryMs) {
          lastLog = Date.now();
          ctx.log.warn({ dependency: name, attempts, reason: outcome.message }, `waiting for ${name}: ${outcome.message}`);
        }
        await abortableSleep(intervalMs, ctx.signal);
      }
    },
  };
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
