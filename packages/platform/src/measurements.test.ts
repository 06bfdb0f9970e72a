import { describe, expect, it } from 'vitest';
import { BASE_TAGS, fieldNames, MEASUREMENT_NAMES, MEASUREMENTS, pointProblems, tagNames, type FieldValues } from './measurements.js';

describe('the measurement schema', () => {
  it('names measurements, tags and fields as InfluxQL takes them unquoted, and no tag is also a field', () => {
    for (const m of MEASUREMENT_NAMES) {
      expect(m).toMatch(/^[a-z][a-z0-9_]*$/);
      const fields = fieldNames(m);
      const tags = tagNames(m);
      for (const n of [...fields, ...tags]) expect(n, m).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(
        fields.filter((f) => (tags as string[]).includes(f)),
        m,
      ).toEqual([]);
      expect(fields.length, m).toBeGreaterThan(0);
    }
    expect(tagNames('procstat')).toEqual(['process', ...BASE_TAGS]);
  });

  it('gives every measurement a field that is in every point', () => {
    for (const m of MEASUREMENT_NAMES) {
      expect(
        Object.values(MEASUREMENTS[m].fields).some((f) => !('absentWhen' in f)),
        m,
      ).toBe(true);
    }
  });
});

describe('pointProblems', () => {
  const cpu: FieldValues<'cpu'> = { usage_total_seconds: 12.5, usage_percent: 3 };

  it('accepts a point of the schema, with or without its optional fields', () => {
    expect(pointProblems({ measurement: 'cpu', fields: cpu })).toEqual([]);
    expect(pointProblems({ measurement: 'cpu', fields: { usage_total_seconds: 1 } })).toEqual([]);
    expect(
      pointProblems(
        { measurement: 'net', tags: { interface: 'eth0', service: 's', pod: 'p' }, fields: Object.fromEntries(fieldNames('net').map((f) => [f, 1])) },
        { baseTags: true },
      ),
    ).toEqual([]);
  });

  it('reports an unknown measurement, field or tag, a value of another type, a missing field or tag', () => {
    expect(pointProblems({ measurement: 'cpus', fields: { x: 1 } })).toEqual(['measurement "cpus" is not in the schema']);
    expect(pointProblems({ measurement: 'cpu', fields: { usage_total_seconds: 1, usage: 2 } })).toEqual(['cpu: field "usage" is not in the schema']);
    expect(pointProblems({ measurement: 'cpu', fields: { usage_total_seconds: '1' } })).toEqual(['cpu.usage_total_seconds: "1" is not a float']);
    expect(pointProblems({ measurement: 'cpu', fields: { usage_percent: 1 } })).toEqual(['cpu: field "usage_total_seconds" is missing']);
    expect(pointProblems({ measurement: 'cpu', tags: { host: 'h' }, fields: cpu })).toEqual(['cpu: tag "host" is not in the schema']);
    expect(pointProblems({ measurement: 'procstat', fields: Object.fromEntries(fieldNames('procstat').map((f) => [f, 1])) })).toEqual([
      'procstat: tag "process" is missing',
    ]);
    expect(pointProblems({ measurement: 'cpu', tags: { service: 's' }, fields: cpu }, { baseTags: true })).toEqual(['cpu: tag "pod" is missing']);
  });

  it("types a point's fields: a field of another measurement does not compile", () => {
    // @ts-expect-error bytes_recv is a field of net, not of cpu
    const wrong: FieldValues<'cpu'> = { bytes_recv: 1 };
    // @ts-expect-error the fields are floats
    const text: FieldValues<'cpu'> = { usage_percent: '1' };
    expect([wrong, text]).toHaveLength(2);
  });
});
