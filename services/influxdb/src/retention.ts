/**
 * INFLUXDB_RETENTION: how long the metrics database keeps points. Written as InfluxQL writes a
 * duration literal (`14d`, `36h`, `2w`) or `INF` for never; InfluxDB refuses anything under an hour.
 */
import { z } from 'zod';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: HOUR_MS, d: DAY_MS, w: 7 * DAY_MS };

export interface Retention {
  /** As InfluxQL takes it after DURATION: `14d` or `INF`. */
  influxql: string;
  /** 0 for INF, as InfluxDB reports an infinite duration ("0s"). */
  ms: number;
  /** SHARD DURATION to pair with it, as InfluxQL takes it. */
  shardInfluxql: string;
}

const EXPECTED = 'expected a duration of at least 1h such as 14d, 36h, 2w, or INF';

/** The environment variable's type: a string in, a Retention out, one clear message when wrong. */
export const retentionVar = () =>
  z.string({ error: EXPECTED }).transform((text, ctx): Retention => {
    const parsed = parseRetention(text);
    if (!parsed) {
      ctx.addIssue({ code: 'custom', message: EXPECTED });
      return z.NEVER;
    }
    return parsed;
  });

export function parseRetention(text: string): Retention | undefined {
  const trimmed = text.trim();
  if (/^inf$/i.test(trimmed)) return { influxql: 'INF', ms: 0, shardInfluxql: shardDuration(0) };
  const m = /^(\d{1,6})([mhdw])$/.exec(trimmed);
  if (!m) return undefined;
  const ms = Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? 0);
  if (ms < HOUR_MS) return undefined;
  return { influxql: `${m[1]}${m[2]}`, ms, shardInfluxql: shardDuration(ms) };
}

/**
 * The shard group duration InfluxDB itself picks for a retention duration (1h under 2 days, 1d up
 * to 6 months, else 7d). Stated explicitly because ALTER ... DURATION alone keeps the old shard
 * duration, and InfluxDB refuses a retention shorter than its shards.
 */
export function shardDuration(retentionMs: number): string {
  if (retentionMs === 0 || retentionMs >= 180 * DAY_MS) return '7d';
  if (retentionMs >= 2 * DAY_MS) return '1d';
  return '1h';
}

/** Go's duration text as SHOW RETENTION POLICIES prints it ("336h0m0s", "0s") -> milliseconds. */
export function parseGoDuration(text: string): number {
  const re = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g;
  const unit: Readonly<Record<string, number>> = { h: HOUR_MS, m: 60_000, s: 1_000, ms: 1, us: 1e-3, µs: 1e-3, ns: 1e-6 };
  let total = 0;
  let consumed = 0;
  for (const m of text.matchAll(re)) {
    total += Number(m[1]) * (unit[m[2] ?? ''] ?? 0);
    consumed += m[0].length;
  }
  if (consumed !== text.length || text.length === 0) throw new Error(`not a Go duration: ${JSON.stringify(text)}`);
  return Math.round(total);
}
