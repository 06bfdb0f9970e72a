/** Polling helpers for tests that wait on real processes. */

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Calls `fn` until it returns a truthy value or `timeoutMs` passes; returns that value. */
export async function waitUntil<T>(fn: () => T | Promise<T>, timeoutMs = 10_000, what = 'condition', stepMs = 50): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: string | undefined;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (err) {
      last = String(err);
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last}` : ''}`);
    }
    await sleep(stepMs);
  }
}
