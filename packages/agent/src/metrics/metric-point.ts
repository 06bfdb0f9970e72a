/**
 * MetricPoint -> the client library's Point, which owns the line protocol (escaping, ordering,
 * timestamps). This module decides only what each value becomes.
 */
import { Point } from '@influxdata/influxdb-client';
import type { MetricPoint } from '../types.js';

/**
 * The Point for a metric, or undefined when nothing is left to write (no name, no usable field).
 * `now` stamps points that carry no time: a point buffered while InfluxDB is down must keep the
 * time it was measured, not the time it was finally sent.
 */
export function toPoint(metric: MetricPoint, now: Date = new Date()): Point | undefined {
  const measurement = name(metric.measurement);
  if (!measurement) return undefined;
  const point = new Point(measurement);
  let fields = 0;
  for (const [rawKey, value] of Object.entries(metric.fields)) {
    const key = name(rawKey);
    if (!key) continue;
    if (typeof value === 'number') {
      // Always float: a field once written as an integer refuses floats for the rest of its shard,
      // and 0 vs 0.5 must not decide that. NaN and Infinity have no line-protocol form: the field
      // goes, the point stays.
      if (!Number.isFinite(value)) continue;
      point.floatField(key, value);
    } else if (typeof value === 'boolean') {
      point.booleanField(key, value);
    } else if (typeof value === 'string') {
      point.stringField(key, value);
    } else {
      continue;
    }
    fields++;
  }
  // A line without fields is a parse error for its whole batch.
  if (fields === 0) return undefined;
  for (const [rawKey, value] of Object.entries(metric.tags ?? {})) {
    const key = name(rawKey);
    const v = name(value);
    // Point leaves out empty values; an empty key would make `,=v`, which InfluxDB refuses.
    if (key && v) point.tag(key, v);
  }
  const time = metric.time && !Number.isNaN(metric.time.getTime()) ? metric.time : now;
  return point.timestamp(time);
}

/**
 * A measurement, key or tag value line protocol can carry. Point escapes spaces, commas and equals
 * signs with a backslash; a backslash already in front of one of them (or at the end, before the
 * separator) would turn that escape around, and InfluxDB 1.x keeps an escaped newline as a
 * literal backslash-n. So newlines become spaces and such backslashes go, rather than break the
 * batch or store odd names.
 */
function name(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').replace(/\\+(?=[ ,=]|$)/g, '');
}
