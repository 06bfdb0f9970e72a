/**
 * Benchmark 1, agent footprint: the idle RSS of every service's agent (the node process alone, not
 * its daemons) in the local mode, after it has run its checks and collectors for a while, against
 * two baselines started in the same run: a bare `node`, and the library baseline, a node that holds
 * what the agent is built on (fastify listening, prom-client's default metrics, an InfluxDB client
 * WriteApi, pino, zod, handlebars; ../fixtures/library-baseline). Target: every agent <= 1.25x the
 * library baseline, service clients (mysql2, ssh2, basic-ftp) included. Each ratio to bare node is
 * reported too, and each bundle's size.
 *
 * A second library baseline runs with prom-client's default event-loop monitor period (10 ms) in
 * place of the agent's: the CPU both use over the settle window prices that default.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { SERVICES } from '@ft/platform';
import type { Benchmark, BenchResult, Target } from '../types.js';
import { CLOCK_TICKS, cpuTicksOf, rssMb } from '../support/proc.js';
import { percentile, round } from '../support/stats.js';
import { sleep, withAgentStack, withBareNode, withLibraryBaseline } from './agent-stack.js';

const LIMIT = 1.25;
/** prom-client's own default for eventLoopMonitoringPrecision. */
const PROM_CLIENT_DEFAULT_PRECISION_MS = 10;

export const benchmark: Benchmark = {
  name: 'agent-footprint',
  title: 'Agent footprint: idle RSS beside the library baseline and a bare node, bundle size',
  async run(ctx): Promise<BenchResult> {
    // Steady state: the checks (10 s interval) and collectors have run several times.
    const settleMs = ctx.quick ? 30_000 : 60_000;
    const samples = ctx.quick ? 5 : 10;
    const figures: BenchResult['figures'] = {};
    const targets: Target[] = [];
    const notes: string[] = [];

    for (const name of SERVICES) {
      const size = await stat(path.join(ctx.repoRoot, 'services', name, 'dist/agent.js'))
        .then((s) => s.size)
        .catch(() => undefined);
      if (size !== undefined) figures[`${name}.bundle_kb`] = Math.round(size / 1024);
    }

    await withBareNode(async (barePid) =>
      withLibraryBaseline(ctx, undefined, async (basePid) =>
        withLibraryBaseline(ctx, PROM_CLIENT_DEFAULT_PRECISION_MS, async (base10Pid) =>
          withAgentStack(ctx, async (agents) => {
            const baselines = [
              { name: 'bare_node', pid: barePid },
              { name: 'library_baseline', pid: basePid },
              { name: 'library_baseline_el10ms', pid: base10Pid },
            ];
            ctx.log(`settling ${settleMs / 1000} s, then ${samples} RSS samples`);
            const ticksBefore = baselines.map((b) => cpuTicksOf(b.pid));
            const cpuStarted = performance.now();
            await sleep(settleMs);
            const wallS = (performance.now() - cpuStarted) / 1000;
            baselines.forEach((b, i) => {
              figures[`${b.name}.cpu_pct`] = round(((cpuTicksOf(b.pid) - (ticksBefore[i] ?? 0)) / CLOCK_TICKS / wallS) * 100, 3);
            });
            const all = [...baselines, ...agents];
            const series = new Map<string, number[]>(all.map((a): [string, number[]] => [a.name, []]));
            for (let i = 0; i < samples; i++) {
              for (const a of all) series.get(a.name)?.push(rssMb(a.pid) ?? Number.NaN);
              await sleep(2_000);
            }
            // The median of the samples: RSS moves with every GC; one sample would be luck.
            const median = (name: string): number => percentile((series.get(name) ?? []).filter(Number.isFinite), 50);
            const bare = median('bare_node');
            const base = median('library_baseline');
            for (const b of baselines) figures[`${b.name}.rss_mb`] = round(median(b.name), 1);
            figures['library_baseline.rss_ratio_bare'] = round(base / bare, 2);
            for (const a of agents) {
              const rss = median(a.name);
              figures[`${a.name}.rss_mb`] = round(rss, 1);
              figures[`${a.name}.rss_ratio_baseline`] = round(rss / base, 2);
              figures[`${a.name}.rss_ratio_bare`] = round(rss / bare, 2);
              targets.push({
                name: `${a.name} agent RSS / library baseline`,
                limit: `<= ${LIMIT}`,
                value: round(rss / base, 2),
                unit: 'x',
                met: rss / base <= LIMIT,
              });
            }
            const measured = new Set(agents.map((a) => a.name));
            const missing = SERVICES.filter((s) => !measured.has(s));
            if (missing.length > 0) notes.push(`not measured (not running in the local mode here): ${missing.join(', ')}`);
          }),
        ),
      ),
    );
    notes.push(
      `RSS of the agent's node process alone (VmRSS), median of ${samples} samples after ${settleMs / 1000} s of steady state; bare node = \`node -e "setInterval(...)"\`; library baseline = fixtures/library-baseline bundled with the agents' preset, both started beside the stack`,
      `cpu_pct of the baselines over the settle window: library_baseline uses the agent's event-loop monitor period, library_baseline_el10ms prom-client's default (${PROM_CLIENT_DEFAULT_PRECISION_MS} ms)`,
    );
    return { figures, targets, notes };
  },
};
