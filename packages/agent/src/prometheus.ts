/**
 * /metrics: the agent's own figures in Prometheus text format (version 0.0.4), read from cached
 * state at scrape time. Written out here rather than with prom-client: a dozen gauges need no
 * registry, and prom-client's default metrics (an event-loop delay monitor sampling every 10 ms, a
 * GC observer) cost every idle agent memory and CPU for figures the `agent` measurement already
 * pushes. The series names and labels are those prom-client produced.
 */
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

export interface PrometheusRegistry {
  readonly contentType: string;
  metrics(): string;
}

type Labels = Readonly<Record<string, string>>;
interface Sample {
  labels?: Labels;
  value: number;
}

/** Label values escape backslash, double quote and newline (the text format's rules). */
const escapeLabel = (v: string): string => v.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
const formatValue = (v: number): string => (Number.isNaN(v) ? 'NaN' : v === Infinity ? '+Inf' : v === -Infinity ? '-Inf' : String(v));

export function createPrometheusRegistry(src: PrometheusSources): PrometheusRegistry {
  const service: Labels = { service: src.service };
  const lines: string[] = [];
  // The sample's own labels first, then the default label, as prom-client wrote them.
  const family = (name: string, help: string, type: 'gauge' | 'counter', samples: readonly Sample[]): void => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const s of samples) {
      const labels = Object.entries({ ...s.labels, ...service })
        .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
        .join(',');
      lines.push(`${name}{${labels}} ${formatValue(s.value)}`);
    }
  };
  const one = (value: number): Sample[] => [{ value }];

  return {
    contentType: 'text/plain; version=0.0.4; charset=utf-8',
    metrics(): string {
      lines.length = 0;
      const cpu = process.cpuUsage();
      const mem = process.memoryUsage();
      family('agent_process_cpu_user_seconds_total', 'User CPU time spent in seconds.', 'counter', one(cpu.user / 1e6));
      family('agent_process_cpu_system_seconds_total', 'System CPU time spent in seconds.', 'counter', one(cpu.system / 1e6));
      family('agent_process_cpu_seconds_total', 'Total user and system CPU time spent in seconds.', 'counter', one((cpu.user + cpu.system) / 1e6));
      family('agent_process_start_time_seconds', 'Start time of the process since unix epoch in seconds.', 'gauge', one(Math.round(performance.timeOrigin / 1000)));
      family('agent_process_resident_memory_bytes', 'Resident memory size in bytes.', 'gauge', one(mem.rss));
      family('agent_nodejs_heap_size_total_bytes', 'Process heap size from Node.js in bytes.', 'gauge', one(mem.heapTotal));
      family('agent_nodejs_heap_size_used_bytes', 'Process heap size used from Node.js in bytes.', 'gauge', one(mem.heapUsed));
      family('agent_nodejs_external_memory_bytes', 'Node.js external memory size in bytes.', 'gauge', one(mem.external));

      const health = src.health();
      family('agent_up', '1 when /healthz would answer 200', 'gauge', one(liveness(health).ok ? 1 : 0));
      family('agent_ready', '1 when /readyz would answer 200', 'gauge', one(readiness(health).ok ? 1 : 0));
      const now = Date.now();
      family(
        'agent_process_up',
        '1 while the supervised process runs',
        'gauge',
        health.processes.map((p) => ({ labels: { process: p.name }, value: p.running ? 1 : 0 })),
      );
      family(
        'agent_process_uptime_seconds',
        'Seconds since the supervised process started',
        'gauge',
        health.processes.filter((p) => p.running).map((p) => ({ labels: { process: p.name }, value: (now - p.startedAt) / 1000 })),
      );
      family(
        'agent_check_up',
        '1 when the check passed at its last run',
        'gauge',
        health.checks.map((c) => ({ labels: { check: c.name }, value: c.ok === true ? 1 : 0 })),
      );
      family(
        'agent_check_duration_seconds',
        'Duration of the last run of the check',
        'gauge',
        health.checks.filter((c) => c.lastRunAt !== undefined).map((c) => ({ labels: { check: c.name }, value: c.durationMs / 1000 })),
      );
      // Counters owned by the writer; without a writer they read 0, as before.
      const stats = src.writer();
      family('agent_metrics_points_written_total', 'Points InfluxDB acknowledged', 'counter', one(stats?.pointsWritten ?? 0));
      family('agent_metrics_points_dropped_total', 'Points dropped: buffer full or rejected as malformed', 'counter', one(stats?.pointsDropped ?? 0));
      family('agent_metrics_write_failures_total', 'Write requests to InfluxDB that failed', 'counter', one(stats?.writeFailures ?? 0));
      family('agent_metrics_buffered_points', 'Points waiting to be written', 'gauge', one(stats?.buffered ?? 0));
      return `${lines.join('\n')}\n`;
    },
  };
}
