/** Turns process and check state into the liveness and readiness verdicts the probes serve. */
import type { CheckState } from './check-runner.js';
import type { ProcessStatus } from './supervisor.js';

export type Phase = 'starting' | 'init' | 'spawning' | 'running' | 'stopping';

export interface HealthSnapshot {
  phase: Phase;
  processes: ProcessStatus[];
  checks: CheckState[];
  /** Why init or spawning is stuck, if it is. */
  blocker?: string;
}

export interface Failure {
  kind: 'phase' | 'process' | 'check';
  name: string;
  reason: string;
}

export interface Verdict {
  ok: boolean;
  phase: Phase;
  failures: Failure[];
}

/** Alive unless a started process is gone or a liveness check failed past its threshold. */
export function liveness(s: HealthSnapshot): Verdict {
  const failures: Failure[] = [];
  for (const p of s.processes) {
    if (!p.running) failures.push({ kind: 'process', name: p.name, reason: exitReason(p) });
  }
  for (const c of s.checks) {
    if (c.scope === 'liveness' && c.consecutiveFailures >= c.failureThreshold) {
      failures.push({ kind: 'check', name: c.name, reason: `${c.consecutiveFailures} failures in a row: ${c.message}` });
    }
  }
  if (s.phase === 'stopping') failures.push({ kind: 'phase', name: 'stopping', reason: 'the agent is stopping' });
  return { ok: failures.length === 0, phase: s.phase, failures };
}

/** Ready once init is done, every process is ready, and every check passed at its last run. */
export function readiness(s: HealthSnapshot): Verdict {
  const failures: Failure[] = [];
  if (s.phase !== 'running') {
    failures.push({ kind: 'phase', name: s.phase, reason: s.blocker ?? `phase is ${s.phase}` });
  }
  for (const p of s.processes) {
    if (!p.running) failures.push({ kind: 'process', name: p.name, reason: exitReason(p) });
    else if (!p.ready) failures.push({ kind: 'process', name: p.name, reason: 'not ready yet' });
  }
  for (const c of s.checks) {
    if (c.ok !== true) failures.push({ kind: 'check', name: c.name, reason: c.message });
  }
  return { ok: failures.length === 0, phase: s.phase, failures };
}

function exitReason(p: ProcessStatus): string {
  if (!p.exit) return 'not running';
  return p.exit.signal ? `killed by ${p.exit.signal}` : `exited with code ${p.exit.code}`;
}
