/** Runs one probe with a deadline, so a hung target never holds up its caller. */
import { withDeadline } from './deadline.js';
import { CheckTimeoutError, describeError } from './errors.js';
import type { Probe } from './types.js';

export interface ProbeOutcome {
  ok: boolean;
  message: string;
  durationMs: number;
}

export async function runProbe(name: string, probe: Probe, timeoutMs: number, parent?: AbortSignal): Promise<ProbeOutcome> {
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(parent?.reason);
  parent?.addEventListener('abort', onParentAbort, { once: true });
  const started = performance.now();
  try {
    // Settles at the deadline even if the probe ignores its signal.
    const detail = await withDeadline(probe({ signal: controller.signal }), timeoutMs, () => {
      const err = new CheckTimeoutError(name, timeoutMs);
      controller.abort(err);
      return err;
    });
    return { ok: true, message: detail ? String(detail) : 'ok', durationMs: performance.now() - started };
  } catch (err) {
    return { ok: false, message: describeError(err), durationMs: performance.now() - started };
  } finally {
    parent?.removeEventListener('abort', onParentAbort);
    if (!controller.signal.aborted) controller.abort(new Error('probe finished'));
  }
}
