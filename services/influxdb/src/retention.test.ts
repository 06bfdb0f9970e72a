import { describe, expect, it } from 'vitest';
import { loadConfig } from '@ft/agent';
import { parseGoDuration, parseRetention, retentionVar, shardDuration } from './retention.js';

describe('INFLUXDB_RETENTION', () => {
  it('takes InfluxQL duration literals of an hour or more, and INF', () => {
    expect(parseRetention('14d')).toEqual({ influxql: '14d', ms: 14 * 86_400_000, shardInfluxql: '1d' });
    expect(parseRetention('36h')).toEqual({ influxql: '36h', ms: 36 * 3_600_000, shardInfluxql: '1h' });
    expect(parseRetention('60m')?.ms).toBe(3_600_000);
    expect(parseRetention('52w')?.shardInfluxql).toBe('7d');
    expect(parseRetention('inf')).toEqual({ influxql: 'INF', ms: 0, shardInfluxql: '7d' });
  });

  it('refuses what InfluxDB would refuse or misread', () => {
    for (const bad of ['30m', '0d', '14', '14 days', '1.5d', '-1d', '14D', '1d12h', '', 'd']) expect(parseRetention(bad), bad).toBeUndefined();
  });

  it('names the variable and the expected form when malformed', () => {
    expect(() => loadConfig({ INFLUXDB_RETENTION: retentionVar() }, { INFLUXDB_RETENTION: '2 weeks' })).toThrow(
      'INFLUXDB_RETENTION: is malformed: expected a duration of at least 1h such as 14d, 36h, 2w, or INF (got "2 weeks")',
    );
  });

  it('pairs each retention with the shard duration InfluxDB would pick', () => {
    expect(shardDuration(3_600_000)).toBe('1h');
    expect(shardDuration(2 * 86_400_000)).toBe('1d');
    expect(shardDuration(180 * 86_400_000)).toBe('7d');
    expect(shardDuration(0)).toBe('7d');
  });

  it('reads the durations SHOW RETENTION POLICIES prints', () => {
    expect(parseGoDuration('336h0m0s')).toBe(336 * 3_600_000);
    expect(parseGoDuration('1h30m0s')).toBe(5_400_000);
    expect(parseGoDuration('0s')).toBe(0);
    expect(() => parseGoDuration('14d')).toThrow('not a Go duration');
  });
});
