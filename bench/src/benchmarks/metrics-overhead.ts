/**
 * Benchmark 6, metrics overhead: the CPU each agent process uses (utime + stime of the node process
 * alone, from /proc/<pid>/stat) over a window at the default metrics interval, as a share of one
 * core; a bare `node` beside it is the floor of the same run. Target: <= 1% of a core per agent.
 */
import type { Benchmark, BenchResult, Target } from '../types.js';
import { CLOCK_TICKS, cpuTicksOf } from '../support/proc.js';
import { round } from '../support/stats.js';
import { sleep, withAgentStack, withBareNode } from './agent-stack.js';

const LIMIT_PCT = 1;

export const benchmark: Benchmark = {
  name: 'metrics-overhead',
  title: 'Metrics overhead: agent CPU at the default interval',
  async run(ctx): Promise<BenchResult> {
    const windowMs = ctx.quick ? 60_000 : 300_000;
    const figures: BenchResult['figures'] = {};
    const targets: Target[] = [];
    await withBareNode(async (barePid) =>
      withAgentStack(ctx, async (agents) => {
        // Past start-up (templates, init steps, first compilations): only the steady work counts.
        await sleep(ctx.quick ? 10_000 : 30_000);
        ctx.log(`measuring CPU of ${agents.length} agents over ${windowMs / 1000} s`);
        const pids = [{ name: 'bare_node', pid: barePid }, ...agents];
        const before = pids.map((p) => cpuTicksOf(p.pid));
        const started = performance.now();
        await sleep(windowMs);
        const wallS = (performance.now() - started) / 1000;
        pids.forEach((p, i) => {
          const pct = ((cpuTicksOf(p.pid) - (before[i] ?? 0)) / CLOCK_TICKS / wallS) * 100;
          figures[`${p.name}.cpu_pct`] = round(pct, 3);
          if (p.name !== 'bare_node')
            targets.push({ name: `${p.name} agent CPU`, limit: `<= ${LIMIT_PCT}%`, value: round(pct, 3), unit: '% of a core', met: pct <= LIMIT_PCT });
        });
        figures['window_s'] = round(wallS, 0);
      }),
    );
    return {
      figures,
      targets,
      notes: [
        'utime+stime of each agent node process alone (its daemons excluded); the local mode pushes to its InfluxDB at the default interval; 1 tick = 10 ms, so a 60 s window resolves 0.017%',
      ],
    };
  },
};
