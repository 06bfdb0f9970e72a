/**
 * `procstat` per supervised process, named as telegraf's procstat plugin and tagged `process` with
 * the declared name. A daemon is its whole tree (nginx master + workers, php-fpm + pool), so CPU
 * and memory are summed over the process and all its descendants.
 */
import type { FieldValues } from '@ft/platform';
import type { Collector, MetricPoint, ProcessView } from '../types.js';
import { measurementPoint } from './measurement-point.js';
import { CpuRate, type MonotonicMs } from './cpu-rate.js';
import { CLOCK_TICKS, processTree, sharedProcTable } from '../proc-table.js';

export interface ProcstatOptions {
  /** Default /proc. */
  procRoot?: string;
  /** Default 100 (getconf CLK_TCK). */
  clockTicks?: number;
  /** Monotonic clock in ms, for the CPU rate. */
  now?: MonotonicMs;
}

export function procstatCollector(processes: ProcessView, options: ProcstatOptions = {}): Collector {
  const root = options.procRoot ?? '/proc';
  const hz = options.clockTicks ?? CLOCK_TICKS;
  const rate = new CpuRate(options.now);
  return {
    name: 'procstat',
    async collect(): Promise<MetricPoint[]> {
      const running = processes
        .names()
        .map((name) => ({ name, pid: processes.pid(name) }))
        .filter((p): p is { name: string; pid: number } => p.pid !== undefined);
      if (running.length === 0) return [];
      const table = await sharedProcTable(root);
      const points: MetricPoint[] = [];
      const keys = new Set<string>();
      for (const { name, pid } of running) {
        const tree = processTree(table, pid);
        if (tree.length === 0) continue;
        let user = 0;
        let system = 0;
        let children = 0;
        let rss = 0;
        let threads = 0;
        for (const p of tree) {
          user += p.utime;
          system += p.stime;
          children += p.childTicks;
          rss += p.rssBytes;
          threads += p.threads;
        }
        // Keyed by pid too: a restarted daemon starts a new series instead of a negative rate.
        const key = `${name}\0${pid}`;
        keys.add(key);
        const fields: FieldValues<'procstat'> = {
          pid,
          memory_rss: rss,
          num_threads: threads,
          num_procs: tree.length,
          cpu_time_user: user / hz,
          cpu_time_system: system / hz,
        };
        const percent = rate.percent(key, (user + system + children) / hz);
        if (percent !== undefined) fields.cpu_usage = percent;
        points.push(measurementPoint('procstat', fields, { process: name }));
      }
      rate.retain(keys);
      return points;
    },
  };
}
