import { describe, expect, it } from 'vitest';
import { CpuRate } from './cpu-rate.js';

describe('CpuRate', () => {
  it('reports percent of one core between readings, nothing for the first or a reset counter', () => {
    let now = 0;
    const r = new CpuRate(() => now);
    expect(r.percent('a', 10)).toBeUndefined();
    now = 2_000;
    expect(r.percent('a', 11)).toBe(50);
    now = 3_000;
    expect(r.percent('a', 13)).toBe(200);
    now = 4_000;
    expect(r.percent('a', 1)).toBeUndefined();
    now = 5_000;
    expect(r.percent('a', 1.25)).toBe(25);
  });

  it('forgets keys it is not told to keep', () => {
    let now = 0;
    const r = new CpuRate(() => now);
    r.percent('a', 1);
    r.retain(new Set());
    now = 1_000;
    expect(r.percent('a', 2)).toBeUndefined();
  });
});
