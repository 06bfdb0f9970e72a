import { describe, expect, it } from 'vitest';
import type { MetricPoint } from '../types.js';
import { toLine, toLines } from './line-protocol.js';

const at = new Date(1_700_000_000_123);

describe('line protocol', () => {
  it('writes numbers as floats, strings quoted, booleans, time in ms', () => {
    expect(toLine({ measurement: 'm', tags: { a: 'x' }, fields: { n: 3, f: 0.5, s: 'hi', b: true }, time: at })).toBe(
      'm,a=x b=T,f=0.5,n=3,s="hi" 1700000000123',
    );
  });

  it('escapes measurement, tags and fields', () => {
    const line = toLine({
      measurement: 'my m,1',
      tags: { 'tag key': 'a b,c=d', 'k=1': 'v' },
      fields: { 'f ,=': 1, s: 'say "hi" \\ ok' },
      time: at,
    });
    expect(line).toBe('my\\ m\\,1,k\\=1=v,tag\\ key=a\\ b\\,c\\=d f\\ \\,\\==1,s="say \\"hi\\" \\\\ ok" 1700000000123');
  });

  it('skips points without fields and fields without a line-protocol form', () => {
    expect(toLine({ measurement: 'm', fields: {}, time: at })).toBeUndefined();
    expect(toLine({ measurement: 'm', fields: { a: Number.NaN, b: Infinity }, time: at })).toBeUndefined();
    expect(toLine({ measurement: '', fields: { a: 1 }, time: at })).toBeUndefined();
    expect(toLine({ measurement: 'm', fields: { a: Number.NaN, b: 2 }, time: at })).toBe('m b=2 1700000000123');
  });

  it('drops empty tags and neutralises trailing backslashes and newlines', () => {
    expect(toLine({ measurement: 'm', tags: { e: '', '': 'x', t: 'a\\', n: 'a\nb' }, fields: { v: 1 }, time: at })).toBe(
      'm,n=a\\ b,t=a v=1 1700000000123',
    );
  });

  it('stamps points without time with `now`', () => {
    expect(toLine({ measurement: 'm', fields: { v: 1 } }, at)).toBe('m v=1 1700000000123');
    expect(toLine({ measurement: 'm', fields: { v: 1 }, time: new Date(Number.NaN) }, at)).toBe('m v=1 1700000000123');
  });

  it('joins a batch, leaving out empty points', () => {
    const points: MetricPoint[] = [
      { measurement: 'a', fields: { v: 1 }, time: at },
      { measurement: 'b', fields: {}, time: at },
      { measurement: 'c', fields: { v: 2 }, time: at },
    ];
    expect(toLines(points)).toHaveLength(2);
    expect(toLines(points).join('\n')).toBe('a v=1 1700000000123\nc v=2 1700000000123');
  });
});
