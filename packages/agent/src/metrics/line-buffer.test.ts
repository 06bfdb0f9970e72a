import { describe, expect, it } from 'vitest';
import { LineBuffer } from './line-buffer.js';

const lines = (from: number, to: number): string[] => Array.from({ length: to - from }, (_, i) => `l${from + i}`);

describe('LineBuffer', () => {
  it('keeps lines in order and drops the oldest past the limit', () => {
    const b = new LineBuffer(5);
    expect(b.push(lines(0, 3))).toBe(0);
    expect(b.push(lines(3, 7))).toBe(2);
    expect(b.size).toBe(5);
    expect(b.take(10)).toEqual(lines(2, 7));
  });

  it('keeps only the newest of a push larger than the limit', () => {
    const b = new LineBuffer(3);
    b.push(['old']);
    expect(b.push(lines(0, 5))).toBe(3);
    expect(b.take(5)).toEqual(lines(2, 5));
  });

  it('puts a failed batch back in front and trims its oldest if newer lines filled the room', () => {
    const b = new LineBuffer(4);
    b.push(lines(0, 4));
    const batch = b.take(3);
    expect(b.held).toBe(4);
    expect(() => b.take(1)).toThrow(/in flight/);
    b.push(lines(4, 6));
    expect(b.putBack(batch)).toBe(2);
    expect(b.take(10)).toEqual(lines(2, 6));
  });

  it('settles a delivered batch', () => {
    const b = new LineBuffer(4);
    b.push(lines(0, 3));
    b.take(2);
    b.settle();
    expect(b.held).toBe(1);
    expect(b.take(5)).toEqual(['l2']);
  });

  it('stays correct over many cycles (compaction)', () => {
    const b = new LineBuffer(3000);
    let next = 0;
    let expected = 0;
    for (let round = 0; round < 50; round++) {
      b.push(lines(next, next + 700));
      next += 700;
      const got = b.take(500);
      const oldest = Math.max(expected, next - 3000);
      expect(got[0]).toBe(`l${oldest}`);
      expected = oldest + got.length;
      b.settle();
    }
    expect(b.size).toBe(next - expected);
  });

  it('refuses a useless limit', () => {
    expect(() => new LineBuffer(0)).toThrow(RangeError);
  });
});
