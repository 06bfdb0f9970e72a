/**
 * kubelet's CrashLoopBackOff in small: the first restart comes after `initialMs`, each next one
 * waits twice as long up to `maxMs`, and a run that lasted `resetAfterMs` starts over.
 */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  resetAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 10_000, resetAfterMs: 60_000 };

export class RestartBackoff {
  private next: number;

  constructor(private readonly options: BackoffOptions = DEFAULT_BACKOFF) {
    this.next = options.initialMs;
  }

  /** The wait before restarting a process that ran for `ranMs` and exited. */
  delayAfter(ranMs: number): number {
    if (ranMs >= this.options.resetAfterMs) this.next = this.options.initialMs;
    const delay = this.next;
    this.next = Math.min(this.next * 2, this.options.maxMs);
    return delay;
  }
}
