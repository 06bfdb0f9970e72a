/**
 * `agent`: the agent's own health. started_at_ms lets a dashboard count container restarts (each
 * new value is a new start) even where the orchestrator's restart count is not scraped.
 */
import type { Collector, MetricPoint } from '../types.js';
import { measurementPoint } from './measurement-point.js';

export function agentSelfCollector(): Collector {
  // performance.timeOrigin is when this process started, in epoch ms; stable for its lifetime.
  const startedAtMs = Math.round(performance.timeOrigin);
  return {
    name: 'agent',
    async collect(): Promise<MetricPoint[]> {
      const mem = process.memoryUsage();
      return [
        measurementPoint('agent', {
          uptime_s: process.uptime(),
          started_at_ms: startedAtMs,
          heap_used: mem.heapUsed,
          rss: mem.rss,
        }),
      ];
    },
  };
}
