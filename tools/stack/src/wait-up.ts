/** `up`'s wait: every started service ready, or a message naming each one that is not, its failing checks and its log. */
import { cmdlineOf } from '@ft/agent/host';
import { activeServices, readStatusFile, type StatusFile } from './status-file.js';

export type WaitResult = { ok: true; status: StatusFile; seconds: number } | { ok: false; message: string; status: StatusFile | undefined };

export async function waitUntilUp(statusFile: string, supervisorPid: number, timeoutMs: number, onProgress?: (ready: string[]) => void): Promise<WaitResult> {
  const started = Date.now();
  let status: StatusFile | undefined;
  let reported = '';
  while (Date.now() - started < timeoutMs) {
    status = await readStatusFile(statusFile).catch(() => undefined);
    if (!cmdlineOf(supervisorPid)) {
      return { ok: false, status, message: `the supervisor (pid ${supervisorPid}) exited; see its log` };
    }
    if (status && status.supervisorPid === supervisorPid) {
      const waiting = activeServices(status).filter((s) => !s.ready);
      const ready = status.services.filter((s) => s.ready).map((s) => s.name);
      if (onProgress && ready.join() !== reported) {
        reported = ready.join();
        onProgress(ready);
      }
      if (waiting.length === 0) return { ok: true, status, seconds: (Date.now() - started) / 1000 };
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { ok: false, status, message: notReadyMessage(status, timeoutMs) };
}

export function notReadyMessage(status: StatusFile | undefined, timeoutMs: number): string {
  if (!status) return `no status after ${timeoutMs / 1000} s`;
  const lines = activeServices(status)
    .filter((s) => !s.ready)
    .map((s) => {
      const failure = status.internals[s.name]?.currentFailure ?? s.lastFailure ?? 'no failing check reported';
      return `  ${s.name}: not ready after ${timeoutMs / 1000} s (${s.state}, ${s.restarts} restarts): ${failure}\n    log: ${s.log}`;
    });
  return `not every service is ready:\n${lines.join('\n')}`;
}
