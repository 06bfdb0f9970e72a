/** Points for the dashboards: liveness, readiness and every check's result, each interval. */
import { liveness, readiness, type HealthSnapshot } from './health-state.js';
import type { Collector, MetricPoint } from './types.js';
import { measurementPoint } from './metrics/measurement-point.js';

export function healthCollector(health: () => HealthSnapshot): Collector {
  return {
    name: 'health',
    async collect(): Promise<MetricPoint[]> {
      const s = health();
      const points: MetricPoint[] = [
        measurementPoint('health', {
          live: liveness(s).ok ? 1 : 0,
          ready: readiness(s).ok ? 1 : 0,
          processes_running: s.processes.filter((p) => p.running).length,
          processes_declared: s.processes.length,
        }),
      ];
      for (const c of s.checks) {
        if (c.lastRunAt === undefined) continue;
        points.push(
          measurementPoint('health_check', { up: c.ok ? 1 : 0, duration_ms: c.durationMs, consecutive_failures: c.consecutiveFailures }, { check: c.name }),
        );
      }
      return points;
    },
  };
}
