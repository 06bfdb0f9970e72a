import { describe, expect, it } from 'vitest';
import { fullJitterBackoff } from './backoff.js';

describe('fullJitterBackoff', () => {
  it('doubles the ceiling per attempt up to the cap', () => {
    const top = (attempt: number) => fullJitterBackoff(attempt, 100, 1000, () => 0.999999);
    expect([1, 2, 3, 4, 5, 100, 5000].map(top)).toEqual([199, 399, 799, 999, 999, 999, 999]);
  });

  it('spreads delays over the whole range', () => {
    expect(fullJitterBackoff(3, 100, 1000, () => 0)).toBe(0);
    const samples = Array.from({ length: 500 }, () => fullJitterBackoff(10, 100, 1000));
    expect(Math.min(...samples)).toBeLessThan(200);
    expect(Math.max(...samples)).toBeGreaterThan(800);
    expect(samples.every((s) => s >= 0 && s < 1000)).toBe(true);
  });
});
