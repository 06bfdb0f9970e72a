import { describe, expect, it } from 'vitest';
import { max, mean, percentile, round } from './stats.js';

describe('percentile', () => {
  it('interpolates between the closest ranks', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([4, 1, 3, 2], 0)).toBe(1);
    expect(percentile([4, 1, 3, 2], 100)).toBe(4);
    expect(percentile([10, 20, 30, 40, 50], 90)).toBe(46);
  });

  it('gives the value of a one-element sample for every p', () => {
    expect(percentile([7], 1)).toBe(7);
    expect(percentile([7], 99)).toBe(7);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });

  it('refuses an empty sample and a p outside 0..100', () => {
    expect(() => percentile([], 50)).toThrow(/empty/);
    expect(() => percentile([1], 101)).toThrow(/outside/);
    expect(() => percentile([1], Number.NaN)).toThrow(/outside/);
  });
});

describe('max, mean, round', () => {
  it('work on plain samples', () => {
    expect(max([1, 9, 3])).toBe(9);
    expect(mean([1, 2, 3, 6])).toBe(3);
    expect(round(1.23456, 2)).toBe(1.23);
    expect(round(1.005 * 1000, 0)).toBe(1005);
  });
});
