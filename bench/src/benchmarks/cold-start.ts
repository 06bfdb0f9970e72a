/**
 * Benchmark 4, cold start: `local up` from an empty state dir until every service is ready (the
 * CLI's own wait: spawn to exit 0), repeated with the stack purged in between, then `up` again on
 * the data kept by `down` (warm start). Target: cold start <= 20 s.
 */
import os from 'node:os';
import path from 'node:path';
import { LocalStack, activeServices, type StackOptions } from '../support/stack.js';
import { max, percentile, round } from '../support/stats.js';
import type { BenchContext, BenchResult, Benchmark } from '../types.js';

const TARGET_S = 20;

interface StartTiming {
  totalS: number;
  /** Seconds from spawn until status.json first showed each service ready. */
  readyAtS: Record<string, number>;
}

/**
 * Runs `up` and watches status.json meanwhile (every 100 ms; the supervisor probes every 1 s, so a
 * service's ready time is known to about a second), to tell which service finished last.
 */
async function timedUp(stack: LocalStack): Promise<StartTiming> {
  const readyAtS: Record<string, number> = {};
  const started = performance.now();
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      const status = await stack.statusFile();
      for (const s of status ? activeServices(status) : []) {
        if (s.ready && readyAtS[s.name] === undefined) readyAtS[s.name] = (performance.now() - started) / 1000;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  try {
    const run = await stack.up();
    return { totalS: run.elapsedMs / 1000, readyAtS };
  } finally {
    watching = false;
    await watcher;
  }
}

function lastReady(timing: StartTiming): string {
  const entries = Object.entries(timing.readyAtS).sort((a, b) => b[1] - a[1]);
  return entries[0]?.[0] ?? 'unknown';
}

export const benchmark: Benchmark = {
  name: 'cold-start',
  title: 'Cold start: local up from an empty state dir to every service ready',
  async run(ctx: BenchContext): Promise<BenchResult> {
    const runs = ctx.quick ? 1 : 3;
    const options: StackOptions = { repoRoot: ctx.repoRoot, stateDir: path.join(ctx.workDir, 'state'), upTimeoutS: 180 };
    const stack = new LocalStack(options);
    const figures: BenchResult['figures'] = { load_avg_1m_before: round(os.loadavg()[0] ?? 0) };
    const cold: StartTiming[] = [];
    try {
      // A state dir left by an interrupted run would make the first start a warm one.
      await stack.purge();
      for (let i = 0; i < runs; i++) {
        const timing = await timedUp(stack);
        cold.push(timing);
        ctx.log(`cold start ${i + 1}/${runs}: ${timing.totalS.toFixed(1)} s, last ready ${lastReady(timing)}`);
        // The last cold start keeps its data for the warm start below.
        if (i < runs - 1) await stack.purge();
      }
      await stack.down();
      const warm = await timedUp(stack);
      ctx.log(`warm start: ${warm.totalS.toFixed(1)} s, last ready ${lastReady(warm)}`);

      const totals = cold.map((t) => t.totalS);
      figures.cold_runs = cold.length;
      figures.cold_p50_s = round(percentile(totals, 50));
      figures.cold_max_s = round(max(totals));
      figures.cold_all_s = totals.map((t) => t.toFixed(1)).join(', ');
      figures.cold_last_ready = cold.map(lastReady).join(', ');
      const last = cold[cold.length - 1] as StartTiming;
      for (const [name, at] of Object.entries(last.readyAtS).sort((a, b) => a[1] - b[1])) figures[`cold.${name}.ready_s`] = round(at, 1);
      figures.warm_s = round(warm.totalS);
      figures.warm_last_ready = lastReady(warm);
      figures.warm_to_cold_ratio = round(warm.totalS / figures.cold_p50_s);

      const worst = max(totals);
      return {
        figures,
        targets: [{ name: `cold start, max of ${cold.length}`, limit: `<= ${TARGET_S} s`, value: round(worst, 2), unit: 's', met: worst <= TARGET_S }],
        notes: [
          'Time from spawning `local up` to its exit 0 (the CLI waits until every service is ready; grafana is skipped without grafana-server).',
          'Per-service ready times come from status.json, which the supervisor updates after its 1 s probes: +-1 s.',
        ],
      };
    } finally {
      await stack.purge().catch((err: unknown) => ctx.log(`purge failed: ${(err as Error).message}`));
    }
  },
};
