import { describe, expect, it } from 'vitest';
import { escapeRegex, fillMacros, influxDuration } from './macros.js';

describe('fillMacros (Grafana 12 InfluxQL interpolation)', () => {
  const ctx = { fromMs: 1_700_000_000_000, toMs: 1_700_000_300_000, intervalMs: 10_000 };

  it('$timeFilter and $__interval as the InfluxDB datasource renders them', () => {
    expect(fillMacros('SELECT mean("x") FROM "m" WHERE $timeFilter GROUP BY time($__interval)', ctx)).toBe(
      'SELECT mean("x") FROM "m" WHERE time >= 1700000000000ms and time <= 1700000300000ms GROUP BY time(10s)',
    );
    expect(fillMacros('$__interval_ms', { ...ctx, intervalMs: 1500 })).toBe('1500');
  });

  it('template variables in regex position: one value escaped, several as a group, All as its allValue', () => {
    const q = '"pod" =~ /^$pod$/ AND $timeFilter';
    expect(fillMacros(q, { ...ctx, variables: { pod: ['web-0.x'] } })).toContain('/^web-0\\.x$/');
    expect(fillMacros(q, { ...ctx, variables: { pod: ['a', 'b'] } })).toContain('/^(a|b)$/');
    expect(fillMacros(q, { ...ctx, variables: { pod: ['$__all'] } }, { pod: '.*' })).toContain('/^.*$/');
  });

  it('refuses to leave a macro unfilled', () => {
    expect(() => fillMacros('SELECT 1 WHERE "pod" =~ /$pod/ AND $timeFilter', ctx)).toThrow(/\$pod/);
  });

  it('durations and regex escaping', () => {
    expect(influxDuration(60_000)).toBe('1m');
    expect(influxDuration(1_500)).toBe('1500ms');
    expect(escapeRegex('a.b/c')).toBe('a\\.b\\/c');
  });
});
