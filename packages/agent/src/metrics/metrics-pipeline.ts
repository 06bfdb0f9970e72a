/**
 * Runs every collector once per interval, tags the points with the container's identity and hands
 * them to the writer. One collector failing or hanging costs only its own points for that round.
 */
import type { Logger } from 'pino';
import { waitAtMost, withDeadline } from '../deadline.js';
import { describeError } from '../errors.js';
import type { Collector, MetricPoint } from '../types.js';
import { LogThrottle } from './log-throttle.js';

/** Where a round's points go; InfluxWriter is one. */
export interface PointSink {
  enqueue(points: readonly MetricPoint[]): void;
}

export interface MetricsPipelineOptions {
  collectors: readonly Collector[];
  intervalMs: number;
  /** Added to every point; a tag the collector set itself wins (as telegraf's global_tags). */
  baseTags: { service: string; pod: string } & Readonly<Record<string, string>>;
  /** Unset: points are only kept for latest() (InfluxDB not configured). */
  writer?: PointSink;
  log: Logger;
  /** A collector failing every round is logged at most once per window. Default 60 s. */
  warnIntervalMs?: number;
  /** How long stop() waits for a round in progress. Default 2 s (or the interval, if shorter). */
  stopTimeoutMs?: number;
}

interface CollectorState {
  collector: Collector;
  /** Set while a collect() that outlived its round is still running: it is not called again meanwhile. */
  busy: boolean;
  throttle: LogThrottle;
  failing: boolean;
  latest: MetricPoint[];
}

export class MetricsPipeline {
  private readonly states: CollectorState[];
  private readonly intervalMs: number;
  private readonly baseTags: Readonly<Record<string, string>>;
  private readonly writer: PointSink | undefined;
  private readonly log: Logger;
  private readonly stopTimeoutMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private round: Promise<void> | undefined;

  constructor(options: MetricsPipelineOptions) {
    this.intervalMs = options.intervalMs;
    this.baseTags = { ...options.baseTags };
    this.writer = options.writer;
    this.log = options.log.child({ component: 'metrics' });
    this.stopTimeoutMs = options.stopTimeoutMs ?? Math.min(2_000, options.intervalMs);
    const warnMs = options.warnIntervalMs ?? 60_000;
    this.states = options.collectors.map((collector) => ({
      collector,
      busy: false,
      throttle: new LogThrottle(warnMs),
      failing: false,
      latest: [],
    }));
  }

  /** First round at once (it also primes the collectors that report rates), then every interval. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.tick();
  }

  /**
   * No new rounds. Waits a little for a round in progress, so its points reach the writer before
   * the writer's final flush, but never long: a hanging collector must not delay shutdown.
   */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    if (this.round) await waitAtMost(this.round, this.stopTimeoutMs);
  }

  /** The last points each collector produced (collectors that never succeeded have none). */
  latest(): MetricPoint[] {
    return this.states.flatMap((s) => s.latest);
  }

  /** Runs one round now and returns its points (also enqueued). */
  private async collectOnce(): Promise<MetricPoint[]> {
    const time = new Date();
    const results = await Promise.all(this.states.map((s) => this.runCollector(s, time)));
    const points = results.flat();
    if (points.length > 0) this.writer?.enqueue(points);
    return points;
  }

  private tick(): void {
    if (!this.running) return;
    const started = Date.now();
    this.round = this.collectOnce()
      .then(
        () => undefined,
        (err: unknown) => this.log.error({ err: describeError(err) }, 'metrics round failed'),
      )
      .finally(() => {
        if (!this.running) return;
        // Scheduled from the round's start, so the cadence does not drift by each round's length.
        const wait = Math.max(0, this.intervalMs - (Date.now() - started));
        this.timer = setTimeout(() => this.tick(), wait);
        this.timer.unref();
      });
  }

  private async runCollector(state: CollectorState, time: Date): Promise<MetricPoint[]> {
    const { collector } = state;
    if (state.busy) {
      this.failed(state, new Error('previous collection still running'));
      return [];
    }
    state.busy = true;
    const run = Promise.resolve()
      .then(() => collector.collect())
      .finally(() => {
        state.busy = false;
      });
    try {
      // A late result is never used: its round is over.
      const points = await withDeadline(run, this.intervalMs, () => new Error(`took longer than the ${this.intervalMs} ms interval`));
      const tagged = points.map((p) => this.tag(p, time));
      state.latest = tagged;
      if (state.failing) {
        state.failing = false;
        this.log.info({ collector: collector.name }, `collector ${collector.name} works again`);
      }
      return tagged;
    } catch (err) {
      this.failed(state, err);
      return [];
    }
  }

  private failed(state: CollectorState, err: unknown): void {
    state.failing = true;
    const swallowed = state.throttle.hit();
    if (swallowed === undefined) return;
    const name = state.collector.name;
    this.log.warn({ collector: name, err: describeError(err), skippedSinceLastWarning: swallowed }, `collector ${name} skipped this round`);
  }

  /** Base tags under the collector's own, and the round's time unless the point has its own. */
  private tag(point: MetricPoint, time: Date): MetricPoint {
    return {
      measurement: point.measurement,
      tags: { ...this.baseTags, ...point.tags },
      fields: point.fields,
      time: point.time ?? time,
    };
  }
}
