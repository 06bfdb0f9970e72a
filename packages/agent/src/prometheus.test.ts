import { describe, expect, it } from 'vitest';
import type { HealthSnapshot } from './health-state.js';
import { createPrometheusRegistry, type WriterStats } from './prometheus.js';

const running: HealthSnapshot = {
  phase: 'running',
  processes: [
    { name: 'nginx', pid: 10, running: true, ready: true, startedAt: Date.now() - 5_000 },
    { name: 'sshd', pid: undefined, running: false, ready: false, startedAt: 0, exit: { code: 1, signal: null, at: 0 } },
  ],
  checks: [
    { name: 'http', scope: 'liveness', ok: true, message: 'ok', durationMs: 250, consecutiveFailures: 0, failureThreshold: 3, lastRunAt: 1 },
    { name: 'say "hi"\\', scope: 'readiness', ok: undefined, message: '', durationMs: 0, consecutiveFailures: 0, failureThreshold: 3, lastRunAt: undefined },
  ],
};

function scrape(health: HealthSnapshot, writer?: WriterStats): Promise<string> {
  return createPrometheusRegistry({ service: 'svc', health: () => health, writer: () => writer }).registry.metrics();
}

describe('/metrics text', () => {
  it('writes every family with HELP and TYPE, labels first and the service last', async () => {
    const text = await scrape(running);
    expect(text).toContain('# HELP agent_up 1 when /healthz would answer 200\n# TYPE agent_up gauge\nagent_up{service="svc"} 0\n');
    expect(text).toContain('agent_ready{service="svc"} 0');
    expect(text).toContain('agent_process_up{process="nginx",service="svc"} 1');
    expect(text).toContain('agent_process_up{process="sshd",service="svc"} 0');
    expect(text).toMatch(/agent_process_uptime_seconds\{process="nginx",service="svc"\} [45]\.\d+/);
    // Only running processes have an uptime; only checks that ran have a duration.
    expect(text).not.toContain('agent_process_uptime_seconds{process="sshd"');
    expect(text).toContain('agent_process_exits_total{process="sshd",how="code 1",service="svc"} 1');
    expect(text).not.toContain('agent_process_exits_total{process="nginx"');
    expect(text).toContain('# TYPE agent_metrics_points_written_total counter');
    expect(text).toMatch(/agent_process_resident_memory_bytes\{service="svc"\} \d+/);
    expect(text).toMatch(/agent_process_cpu_seconds_total\{service="svc"\} [\d.e-]+/);
    // prom-client's default Node.js series, under the same prefix.
    expect(text).toMatch(/agent_nodejs_heap_size_used_bytes\{service="svc"\} \d+/);
    expect(text).toContain('# TYPE agent_nodejs_gc_duration_seconds histogram');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('escapes quotes and backslashes in label values', async () => {
    expect(await scrape(running)).toContain('agent_check_up{check="say \\"hi\\"\\\\",service="svc"} 0');
  });

  it('mirrors the writer counters, and reads 0 without a writer', async () => {
    expect(await scrape(running)).toContain('agent_metrics_points_written_total{service="svc"} 0');
    const text = await scrape(running, { pointsWritten: 12, pointsDropped: 3, writeFailures: 2, buffered: 7 });
    expect(text).toContain('agent_metrics_points_written_total{service="svc"} 12');
    expect(text).toContain('agent_metrics_points_dropped_total{service="svc"} 3');
    expect(text).toContain('agent_metrics_write_failures_total{service="svc"} 2');
    expect(text).toContain('agent_metrics_buffered_points{service="svc"} 7');
  });

  it('reads the state anew at every scrape', async () => {
    let health: HealthSnapshot = { phase: 'init', processes: [], checks: [] };
    const { registry } = createPrometheusRegistry({ service: 'svc', health: () => health, writer: () => undefined });
    expect(await registry.metrics()).toContain('agent_up{service="svc"} 1');
    health = { ...health, phase: 'stopping' };
    expect(await registry.metrics()).toContain('agent_up{service="svc"} 0');
  });

  it('check durations are a histogram over every run, not the last one', async () => {
    const metrics = createPrometheusRegistry({ service: 'svc', health: () => running, writer: () => undefined });
    const check = running.checks[0]!;
    for (const ms of [3, 40, 40, 700]) metrics.observeCheck({ ...check, durationMs: ms });
    const text = await metrics.registry.metrics();
    expect(text).toContain('# TYPE agent_check_duration_seconds histogram');
    expect(text).toContain('agent_check_duration_seconds_bucket{le="0.005",service="svc",check="http"} 1');
    expect(text).toContain('agent_check_duration_seconds_bucket{le="0.05",service="svc",check="http"} 3');
    expect(text).toContain('agent_check_duration_seconds_bucket{le="+Inf",service="svc",check="http"} 4');
    expect(text).toContain('agent_check_duration_seconds_count{service="svc",check="http"} 4');
    const sum = /agent_check_duration_seconds_sum\{service="svc",check="http"\} ([\d.]+)\n/.exec(text)?.[1];
    expect(Number(sum)).toBeCloseTo(0.783, 9);
  });
});
