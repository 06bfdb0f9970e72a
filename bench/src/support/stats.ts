/** Order statistics of a sample, for latencies and timings. */

/**
 * The `p`-th percentile (0..100) of `values`, interpolated linearly between the two closest ranks
 * (the spreadsheet PERCENTILE.INC rule): p50 of [1, 2, 3, 4] is 2.5, p100 the maximum.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of an empty sample');
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile ${p} is outside 0..100`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const low = sorted[lower] as number;
  const high = sorted[upper] as number;
  return low + (high - low) * (rank - lower);
}

export function max(values: readonly number[]): number {
  if (values.length === 0) throw new Error('max of an empty sample');
  return Math.max(...values);
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new Error('mean of an empty sample');
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Rounds to `digits` decimals, for figures that should read well in JSON and tables. */
export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
