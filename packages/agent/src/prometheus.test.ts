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

function scrape(health: HealthSnapshot, writer?: WriterStats): string {
  return createPrometheusRegistry({ service: 'svc', health: () => health, writer: () => writer }).metrics();
}

describe('/metrics text', () => {
  it('writes every family with HELP and TYPE, labels first and the service last', () => {
    const text = scrape(running);
    expect(text).toContain('# HELP agent_up 1 when /healthz would answer 200\n# TYPE agent_up gauge\nagent_up{service="svc"} 0\n');
    expect(text).toContain('agent_ready{service="svc"} 0');
    expect(text).toContain('agent_process_up{process="nginx",service="svc"} 1');
    expect(text).toContain('agent_process_up{process="sshd",service="svc"} 0');
    expect(text).toMatch(/agent_process_uptime_seconds\{process="nginx",service="svc"\} [45]\.\d+/);
    // Only running processes have an uptime; only checks that ran have a duration.
    expect(text).not.toContain('agent_process_uptime_seconds{process="sshd"');
    expect(text).toContain('agent_check_duration_seconds{check="http",service="svc"} 0.25');
    expect(text).not.toContain('agent_check_duration_seconds{check="say');
    expect(text).toContain('# TYPE agent_metrics_points_written_total counter');
    expect(text).toMatch(/agent_process_resident_memory_bytes\{service="svc"\} \d+/);
    expect(text).toMatch(/agent_process_cpu_seconds_total\{service="svc"\} [\d.e-]+/);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('escapes quotes and backslashes in label values', () => {
    expect(scrape(running)).toContain('agent_check_up{check="say \\"hi\\"\\\\",service="svc"} 0');
  });

  it('mirrors the writer counters, and reads 0 without a writer', () => {
    expect(scrape(running)).toContain('agent_metrics_points_written_total{service="svc"} 0');
    const text = scrape(running, { pointsWritten: 12, pointsDropped: 3, writeFailures: 2, buffered: 7 });
    expect(text).toContain('agent_metrics_points_written_total{service="svc"} 12');
    expect(text).toContain('agent_metrics_points_dropped_total{service="svc"} 3');
    expect(text).toContain('agent_metrics_write_failures_total{service="svc"} 2');
    expect(text).toContain('agent_metrics_buffered_points{service="svc"} 7');
  });

  it('reads the state anew at every scrape', () => {
    let health: HealthSnapshot = { phase: 'init', processes: [], checks: [] };
    const registry = createPrometheusRegistry({ service: 'svc', health: () => health, writer: () => undefined });
    expect(registry.metrics()).toContain('agent_up{service="svc"} 1');
    health = { ...health, phase: 'stopping' };
    expect(registry.metrics()).toContain('agent_up{service="svc"} 0');
  });
});
