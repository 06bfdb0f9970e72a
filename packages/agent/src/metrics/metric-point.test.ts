import { describe, expect, it } from 'vitest';
import type { MetricPoint } from '../types.js';
import { toPoint } from './metric-point.js';

const at = new Date(1_700_000_000_123);
/** As the writer renders it: milliseconds. */
const line = (m: MetricPoint, now?: Date): string | undefined => toPoint(m, now)?.toLineProtocol({ convertTime: (t) => String((t as Date).getTime()) });

describe('MetricPoint -> Point', () => {
  it('writes numbers as floats, strings quoted, booleans, time in ms', () => {
    expect(line({ measurement: 'm', tags: { a: 'x' }, fields: { n: 3, f: 0.5, s: 'hi', b: true }, time: at })).toBe('m,a=x b=T,f=0.5,n=3,s="hi" 1700000000123');
  });

  it('Point escapes measurement, tags and fields', () => {
    expect(line({ measurement: 'my m,1', tags: { 'tag key': 'a b,c=d', 'k=1': 'v' }, fields: { 'f ,=': 1, s: 'say "hi" \\ ok' }, time: at })).toBe(
      'my\\ m\\,1,k\\=1=v,tag\\ key=a\\ b\\,c\\=d f\\ \\,\\==1,s="say \\"hi\\" \\\\ ok" 1700000000123',
    );
  });

  it('skips points without fields and fields without a line-protocol form', () => {
    expect(toPoint({ measurement: 'm', fields: {}, time: at })).toBeUndefined();
    expect(toPoint({ measurement: 'm', fields: { a: Number.NaN, b: Infinity }, time: at })).toBeUndefined();
    expect(toPoint({ measurement: '', fields: { a: 1 }, time: at })).toBeUndefined();
    expect(line({ measurement: 'm', fields: { a: Number.NaN, b: 2 }, time: at })).toBe('m b=2 1700000000123');
  });

  it('drops empty tags and neutralises backslashes before separators and newlines', () => {
    expect(line({ measurement: 'm', tags: { e: '', '': 'x', t: 'a\\', n: 'a\nb', s: 'x\\ y', k: 'c:\\dir' }, fields: { v: 1 }, time: at })).toBe(
      'm,k=c:\\dir,n=a\\ b,s=x\\ y,t=a v=1 1700000000123',
    );
  });

  it('stamps points without time with `now`', () => {
    expect(line({ measurement: 'm', fields: { v: 1 } }, at)).toBe('m v=1 1700000000123');
    expect(line({ measurement: 'm', fields: { v: 1 }, time: new Date(Number.NaN) }, at)).toBe('m v=1 1700000000123');
  });
});
