/**
 * The one place probes tie their I/O to `ctx.signal`. A probe body starts its sockets and returns
 * a cleanup; the cleanup runs exactly once, when the probe settles or when the signal aborts,
 * whichever comes first. So every way out closes the sockets, and an abort rejects at once
 * instead of waiting for a library's own timeout.
 */

/** How the probe ended, so a cleanup can close politely after success and abruptly otherwise. */
export type Outcome = 'ok' | 'failed' | 'aborted';
export type Cleanup = (outcome: Outcome) => void;

/**
 * What a probe rejects with once its signal aborts: the signal's reason when it is an Error (the
 * check runner aborts with its own CheckTimeoutError, which must reach it unchanged).
 */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error('probe aborted');
}

export function abortable<T>(signal: AbortSignal, start: (resolve: (value: T) => void, reject: (err: unknown) => void) => Cleanup): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) {
      reject(abortReason(signal));
      return;
    }
    let outcome: Outcome | undefined;
    let cleanup: Cleanup | undefined;
    const settle = (how: Outcome, deliver: () => void): void => {
      if (outcome) return;
      outcome = how;
      signal.removeEventListener('abort', onAbort);
      runCleanup(cleanup, how);
      deliver();
    };
    const onAbort = (): void => settle('aborted', () => reject(abortReason(signal)));
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const returned = start(
        (value) => settle('ok', () => resolve(value)),
        (err) => settle('failed', () => reject(err)),
      );
      // start() may have settled synchronously, before its cleanup was known.
      if (outcome) runCleanup(returned, outcome);
      else cleanup = returned;
    } catch (err) {
      settle('failed', () => reject(err));
    }
  });
}

function runCleanup(cleanup: Cleanup | undefined, outcome: Outcome): void {
  try {
    cleanup?.(outcome);
  } catch {
    // Closing a socket that is already gone is not the probe's failure.
  }
}
