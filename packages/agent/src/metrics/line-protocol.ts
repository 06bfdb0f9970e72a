/**
 * MetricPoint -> InfluxDB line protocol (the documented format: measurement, sorted tags, sorted
 * fields, timestamp). Written here rather than with @influxdata/influxdb-client's `Point`: that
 * package was the only use of the client library and cost every agent ~5 MB of RSS to load.
 */
import type { MetricPoint } from '../types.js';

/** Measurements escape commas and spaces; tag keys, tag values and field keys also escape `=`. */
const escapeMeasurement = (s: string): string => s.replace(/[, ]/g, '\\$&');
const escapeKey = (s: string): string => s.replace(/[,= ]/g, '\\$&');
/** String field values are double-quoted: quotes and backslashes inside are escaped. */
const quote = (s: string): string => `"${s.replace(/["\\]/g, '\\$&')}"`;
const byKey = <T>(a: [string, T], b: [string, T]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/**
 * One line for the point, or undefined when nothing is left to write (no usable field, no name).
 * `now` stamps points that carry no time: a point buffered while InfluxDB is down must keep the
 * time it was measured, not the time it was finally sent. Timestamps are in milliseconds; the
 * writer sends `precision=ms` to match.
 */
export function toLine(point: MetricPoint, now: Date = new Date()): string | undefined {
  const measurement = name(point.measurement);
  if (!measurement) return undefined;
  const fields: string[] = [];
  for (const [rawKey, value] of Object.entries(point.fields).sort(byKey)) {
    const key = name(rawKey);
    if (!key) continue;
    if (typeof value === 'number') {
      // Always float (no `i` suffix): a field that was once written as an integer would refuse
      // floats forever (InfluxDB fixes a field's type per shard), and 0 vs 0.5 must not decide that.
      // NaN and Infinity have no line-protocol form; drop the field, keep the point.
      if (Number.isFinite(value)) fields.push(`${escapeKey(key)}=${String(value)}`);
    } else if (typeof value === 'boolean') {
      fields.push(`${escapeKey(key)}=${value ? 'T' : 'F'}`);
    } else if (typeof value === 'string') {
      fields.push(`${escapeKey(key)}=${quote(value)}`);
    }
  }
  // A line without fields is a parse error for the whole batch.
  if (fields.length === 0) return undefined;
  let tags = '';
  for (const [rawKey, value] of Object.entries(point.tags ?? {}).sort(byKey)) {
    const key = name(rawKey);
    const v = name(value);
    // Empty values are left out; empty keys would produce `,=v`, which InfluxDB refuses.
    if (key && v) tags += `,${escapeKey(key)}=${escapeKey(v)}`;
  }
  const time = point.time && !Number.isNaN(point.time.getTime()) ? point.time : now;
  return `${escapeMeasurement(measurement)}${tags} ${fields.join(',')} ${time.getTime()}`;
}

/** Lines for all points that have something to write, in order. */
export function toLines(points: readonly MetricPoint[], now: Date = new Date()): string[] {
  const lines: string[] = [];
  for (const point of points) {
    const line = toLine(point, now);
    if (line !== undefined) lines.push(line);
  }
  return lines;
}

/**
 * A measurement, key or tag value line protocol can carry. A trailing backslash would escape the
 * separator after it, and InfluxDB 1.x keeps an escaped newline as a literal backslash-n, so both
 * are neutralised here rather than break the batch or store odd names.
 */
function name(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').replace(/\\+$/, '');
}
