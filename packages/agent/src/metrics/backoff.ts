/**
 * Exponential backoff with full jitter: the delay before retry n is uniform in [0, min(cap, base·2^n)).
 * Jitter spreads the retries of many agents that lost InfluxDB at the same moment, so they do not
 * all come back in lockstep when it returns.
 */
export function fullJitterBackoff(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  // 2^attempt overflows to Infinity long after it passed any sane cap; min() keeps it finite.
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}
