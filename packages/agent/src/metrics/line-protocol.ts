/**
 * MetricPoint -> InfluxDB line protocol. Escaping is the client library's `Point`; this module only
 * decides what each value becomes, so the wire format has one owner.
 */
import { Point } from '@influxdata/influxdb-client';
import type { MetricPoint } from '../types.js';

/** Timestamps are written in milliseconds; the writer sends `precision=ms` to match. */
const convertTime = (value: string | number | Date | undefined): string | undefined =>
  value instanceof Date ? String(value.getTime()) : value === undefined ? undefined : String(value);

/**
 * One line for the point, or undefined when nothing is left to write (no usable field, no name).
 * `now` stamps points that carry no time: a point buffered while InfluxDB is down must keep the
 * time it was measured, not the time it was finally sent.
 */
export function toLine(point: MetricPoint, now: Date = new Date()): string | undefined {
  const measurement = name(point.measurement);
  if (!measurement) return undefined;
  const p = new Point(measurement);
  for (const [rawKey, value] of Object.entries(point.tags ?? {})) {
    const key = name(rawKey);
    const v = name(value);
    // Point skips empty values itself; empty keys would produce `,=v`, which InfluxDB refuses.
    if (key && v) p.tag(key, v);
  }
  for (const [rawKey, value] of Object.entries(point.fields)) {
    const key = name(rawKey);
    if (!key) continue;
    if (typeof value === 'number') {
      // Always float: a field that was once written as an integer would refuse floats forever
      // (InfluxDB fixes a field's type per shard), and 0 vs 0.5 must not decide that.
      // NaN and Infinity have no line-protocol form; drop the field, keep the point.
      if (Number.isFinite(value)) p.floatField(key, value);
    } else if (typeof value === 'boolean') {
      p.booleanField(key, value);
    } else if (typeof value === 'string') {
      p.stringField(key, value);
    }
  }
  const time = point.time && !Number.isNaN(point.time.getTime()) ? point.time : now;
  // undefined when no field survived: a line without fields is a parse error for the whole batch.
  return p.timestamp(time).toLineProtocol({ convertTime });
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
