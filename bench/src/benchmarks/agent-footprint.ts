/**
 * Benchmark 1, agent footprint: the idle RSS of every service's agent (the node process alone, not
 * its daemons) in the local mode, after it has run its checks and collectors for a while, beside a
 * bare `node` started at the same time; and each bundle's size. Target: every agent <= 1.4x bare.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Benchmark, BenchResult, Target } from '../types.js';
import { rssMb } from '../support/proc.js';
import { percentile, round } from '../support/stats.js';
import { sleep, withAgentStack, withBareNode } from './agent-stack.js';

const SERVICES = ['nginx', 'wordpress', 'phpmyadmin', 'mysql', 'ftps', 'influxdb', 'grafana'] as const;
const LIMIT = 1.4;

export const benchmark: Benchmark = {
  name: 'agent-footprint',
  title: 'Agent footprint: idle RSS beside a bare node, bundle size',
  async run(ctx): Promise<BenchResult> {
    // Steady state: the checks (10 s interval) and collectors have run several times.
    const settleMs = ctx.quick ? 30_000 : 60_000;
    const samples = ctx.quick ? 5 : 10;
    const figures: BenchResult['figures'] = {};
    const targets: Target[] = [];
    const notes: string[] = [];

    for (const name of SERVICES) {
      const size = await stat(path.join(ctx.repoRoot, 'services', name, 'dist/agent.js')).then((s) => s.size).catch(() => undefined);
      if (size !== undefined) figures[`${name}.bundle_kb`] = Math.round(size / 1024);
    }

    await withBareNode(async (barePid) =>
      withAgentStack(ctx, async (agents) => {
        ctx.log(`settling ${settleMs / 1000} s, then ${samples} RSS samples`);
        await sleep(settleMs);
        const series = new Map<string, number[]>([['bare', []], ...agents.map((a): [string, number[]] => [a.name, []])]);
        for (let i = 0; i < samples; i++) {
          series.get('bare')?.push(rssMb(barePid) ?? Number.NaN);
          for (const a of agents) series.get(a.name)?.push(rssMb(a.pid) ?? Number.NaN);
          await sleep(2_000);
        }
        // The median of the samples: RSS moves with every GC; one sample would be luck.
        const median = (name: string): number => percentile((series.get(name) ?? []).filter(Number.isFinite), 50);
        const bare = median('bare');
        figures['bare_node.rss_mb'] = round(bare, 1);
        for (const a of agents) {
          const rss = median(a.name);
          const ratio = rss / bare;
          figures[`${a.name}.rss_mb`] = round(rss, 1);
          figures[`${a.name}.rss_ratio`] = round(ratio, 2);
          targets.push({ name: `${a.name} agent RSS / bare node`, limit: `<= ${LIMIT}`, value: round(ratio, 2), unit: 'x', met: ratio <= LIMIT });
        }
        const measured = new Set(agents.map((a) => a.name));
        const missing = SERVICES.filter((s) => !measured.has(s));
        if (missing.length > 0) notes.push(`not measured (not running in the local mode here): ${missing.join(', ')}`);
      }),
    );
    notes.push(`RSS of the agent's node process alone (VmRSS), median of ${samples} samples after ${settleMs / 1000} s of steady state; bare node = \`node -e "setInterval(...)"\` started beside the stack`);
    return { figures, targets, notes };
  },
};
