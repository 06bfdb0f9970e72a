import { describe, expect, it } from 'vitest';
import { parsePrometheusText, sumOf } from './prometheus-text.js';

describe('parsePrometheusText', () => {
  const text = [
    '# HELP x a metric',
    '# TYPE x counter',
    'x{code="200",path="/a \\"b\\""} 3',
    'x{code="500"} 2 1700000000000',
    'y 1.5e3',
    'z NaN',
    'w{le="+Inf"} +Inf',
    '',
  ].join('\n');

  it('reads names, labels (with escapes), values and skips comments and NaN', () => {
    const s = parsePrometheusText(text);
    expect(s.map((x) => x.name)).toEqual(['x', 'x', 'y', 'w']);
    expect(s[0]?.labels).toEqual({ code: '200', path: '/a "b"' });
    expect(s[2]?.value).toBe(1500);
  });

  it('sums a metric over its series, with a label filter, undefined when absent', () => {
    const s = parsePrometheusText(text);
    expect(sumOf(s, 'x')).toBe(5);
    expect(sumOf(s, 'x', (l) => l['code'] === '500')).toBe(2);
    expect(sumOf(s, 'nope')).toBeUndefined();
  });
});
