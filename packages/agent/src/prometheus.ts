/** /metrics: the agent's own figures in Prometheus text format, read from cached state at scrape time. */
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { HealthSnapshot } from './health-state.js';
import { liveness, readiness } from './health-state.js';

export interface WriterStats {
  pointsWritten: number;
  pointsDropped: number;
  writeFailures: number;
  buffered: number;
}

export interface PrometheusSources {
  service: string;
  health: () => HealthSnapshot;
  writer: () => WriterStats | undefined;
}

export function createPrometheusRegistry(src: PrometheusSources): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: src.service });
  collectDefaultMetrics({ register: registry, prefix: 'agent_' });

  new Gauge({
    name: 'agent_up',
    help: '1 when /healthz would answer 200',
    registers: [registry],
    collect() {
      this.set(liveness(src.health()).ok ? 1 : 0);
    },
  });
  new Gauge({
    name: 'agent_ready',
    help: '1 when /readyz would answer 200',
    registers: [registry],
    collect() {
      this.set(readiness(src.health()).ok ? 1 : 0);
    },
  });
  new Gauge({
    name: 'agent_process_up',
    help: '1 while the supervised process runs',
    labelNames: ['process'],
    registers: [registry],
    collect() {
      this.reset();
      for (const p of src.health().processes) this.set({ process: p.name }, p.running ? 1 : 0);
    },
  });
  new Gauge({
    name: 'agent_process_uptime_seconds',
    help: 'Seconds since the supervised process started',
    labelNames: ['process'],
    registers: [registry],
    collect() {
      this.reset();
      const now = Date.now();
      for (const p of src.health().processes) if (p.running) this.set({ process: p.name }, (now - p.startedAt) / 1000);
    },
  });
  new Gauge({
    name: 'agent_check_up',
    help: '1 when the check passed at its last run',
    labelNames: ['check'],
    registers: [registry],
    collect() {
      this.reset();
      for (const c of src.health().checks) this.set({ check: c.name }, c.ok === true ? 1 : 0);
    },
  });
  new Gauge({
    name: 'agent_check_duration_seconds',
    help: 'Duration of the last run of the check',
    labelNames: ['check'],
    registers: [registry],
    collect() {
      this.reset();
      for (const c of src.health().checks) if (c.lastRunAt !== undefined) this.set({ check: c.name }, c.durationMs / 1000);
    },
  });
  // Counters owned by the writer: mirrored at scrape time (reset + inc keeps the counter type).
  const mirror = (name: string, help: string, pick: (s: WriterStats) => number) =>
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        const stats = src.writer();
        this.reset();
        if (stats) this.inc(pick(stats));
      },
    });
  mirror('agent_metrics_points_written_total', 'Points InfluxDB acknowledged', (s) => s.pointsWritten);
  mirror('agent_metrics_points_dropped_total', 'Points dropped: buffer full or rejected as malformed', (s) => s.pointsDropped);
  mirror('agent_metrics_write_failures_total', 'Write requests to InfluxDB that failed', (s) => s.writeFailures);
  new Gauge({
    name: 'agent_metrics_buffered_points',
    help: 'Points waiting to be written',
    registers: [registry],
    collect() {
      this.set(src.writer()?.buffered ?? 0);
    },
  });
  return registry;
}
