/**
 * Pushes the agent's points to InfluxDB 1.x through the client library's WriteApi, which batches,
 * retries with exponential backoff and jitter, bounds its retry buffer and flushes on close. This
 * class only turns metrics into Points, counts what happened to every line, and keeps the log to
 * one warning per condition per window: enqueue() never blocks or throws, and a dead InfluxDB is
 * retried quietly until it is back, with the oldest points dropped (and counted) past the bound.
 */
import { HttpError, setLogger, type WriteApi } from '@influxdata/influxdb-client';
import type { Logger } from 'pino';
import { waitAtMost } from '../deadline.js';
import { MetricsWriteError, describeError } from '../errors.js';
import { InfluxClient, influxErrorText, partialWriteDropped } from '../influx/index.js';
import type { MetricPoint } from '../types.js';
import { LogThrottle } from './log-throttle.js';
import { toPoint } from './metric-point.js';

export interface InfluxWriterOptions {
  /** Base URL of InfluxDB, e.g. http://influxdb:8086. */
  url: string;
  db: string;
  /** Retention policy; default: the database's default policy. */
  rp?: string;
  user?: string;
  password?: string;
  /** Lines per request. */
  batchSize: number;
  /** Lines kept for retry while InfluxDB is unreachable; past it the oldest are dropped (and counted). */
  bufferLimit: number;
  /** Upper bound of the retry delay. */
  maxBackoffMs: number;
  log: Logger;
  /** A request with no answer after this long counts as failed. Default 10 s. */
  fetchTimeoutMs?: number;
  /** First retry delay; it doubles per failed attempt up to maxBackoffMs, plus up to as much jitter. Default 500 ms. */
  minBackoffMs?: number;
  /** How long points may wait for a batch to fill before they are sent anyway. Default 1 s. */
  flushIntervalMs?: number;
  /** At most one warning per condition (write failing, buffer overflowing, points refused) per window. Default 10 s. */
  warnIntervalMs?: number;
  /** Time stop() gives the final flush. Default 5 s. */
  stopTimeoutMs?: number;
}

export interface InfluxWriterStats {
  /** Points InfluxDB accepted. */
  pointsWritten: number;
  /** Points given up: pushed out of a full retry buffer, refused by InfluxDB (400), or not delivered by stop(). */
  pointsDropped: number;
  /** Requests that failed and are retried (no answer, 5xx, 401, ...); refusals count as dropped points instead. */
  writeFailures: number;
  /** Points not yet delivered nor dropped: waiting for a batch, in flight, or waiting for a retry. */
  buffered: number;
}

/**
 * Points older than this are given up even if the buffer has room: a day-old backlog would be
 * written under dashboards that show hours. Their loss is counted like any other drop.
 */
const MAX_RETRY_TIME_MS = 24 * 3_600_000;
/** Retries per batch: in practice unbounded; time and the buffer bound decide when a batch goes. */
const MAX_RETRIES = 1_000_000;

export class InfluxWriter {
  private readonly client: InfluxClient;
  private readonly api: WriteApi;
  private readonly log: Logger;
  private readonly stopTimeoutMs: number;
  private readonly failureLog: LogThrottle;
  private readonly overflowLog: LogThrottle;
  private readonly rejectLog: LogThrottle;
  private readonly bufferLimit: number;
  /** Where points go, for logs: scheme, host, path, database and policy; never credentials. */
  private readonly target: string;

  private state: 'running' | 'stopped' = 'running';
  private enqueued = 0;
  private written = 0;
  private dropped = 0;
  private failures = 0;
  /** Failed attempts since the last success, for the recovery line. */
  private outage = 0;
  private stopping: Promise<void> | undefined;

  constructor(options: InfluxWriterOptions) {
    this.log = options.log.child({ component: 'influx-writer' });
    // The library's own log lines (one per failed attempt) go to debug: this class warns, throttled.
    setLogger({
      error: (message, error) => this.log.debug({ err: describeError(error) }, message),
      warn: (message, error) => this.log.debug({ err: describeError(error) }, message),
    });
    this.client = new InfluxClient({
      url: options.url,
      ...(options.user !== undefined ? { user: options.user } : {}),
      ...(options.password !== undefined ? { password: options.password } : {}),
      timeoutMs: options.fetchTimeoutMs ?? 10_000,
    });
    this.target = `${this.client.target}/ db=${options.db}${options.rp ? ` rp=${options.rp}` : ''}`;
    this.bufferLimit = Math.max(1, Math.floor(options.bufferLimit));
    const maxRetryDelay = Math.max(1, options.maxBackoffMs);
    const minRetryDelay = Math.min(options.minBackoffMs ?? 500, maxRetryDelay);
    this.api = this.client.writeApi(
      { db: options.db, ...(options.rp ? { rp: options.rp } : {}) },
      {
        batchSize: Math.min(Math.max(1, Math.floor(options.batchSize)), this.bufferLimit),
        flushInterval: options.flushIntervalMs ?? 1_000,
        maxBufferLines: this.bufferLimit,
        maxRetries: MAX_RETRIES,
        maxRetryTime: MAX_RETRY_TIME_MS,
        minRetryDelay,
        maxRetryDelay,
        exponentialBase: 2,
        randomRetry: true,
        retryJitter: minRetryDelay,
        gzipThreshold: 1_000,
        writeSuccess: (lines) => this.delivered(lines.length),
        writeFailed: (error, lines, attempt, expires) => this.failed(error, lines.length, attempt, expires),
        writeRetrySkipped: (entry) => this.overflowed(entry.lines.length),
      },
    );
    this.stopTimeoutMs = options.stopTimeoutMs ?? 5_000;
    const warnMs = options.warnIntervalMs ?? 10_000;
    this.failureLog = new LogThrottle(warnMs);
    this.overflowLog = new LogThrottle(warnMs);
    this.rejectLog = new LogThrottle(warnMs);
  }

  /** Converts and queues points. Never blocks, never throws; returns at once. */
  enqueue(points: readonly MetricPoint[]): void {
    if (this.state === 'stopped') {
      // Nobody will send them: count them, so a late collector's loss is visible in stats.
      this.dropped += points.length;
      return;
    }
    try {
      const now = new Date();
      const lines: string[] = [];
      for (const metric of points) {
        const line = toPoint(metric, now)?.toLineProtocol(this.api);
        if (line) lines.push(line);
      }
      this.enqueued += lines.length;
      this.api.writeRecords(lines);
    } catch (err) {
      // Only a bug can land here; losing these points beats throwing into a collector loop.
      this.enqueued += points.length;
      this.dropped += points.length;
      this.log.error({ err: describeError(err) }, 'could not queue metric points');
    }
  }

  /**
   * Sends everything queued now, the retry buffer included, one attempt each. Rejects with a
   * retryable MetricsWriteError at the first batch that cannot be delivered (it stays queued for
   * its retry); batches InfluxDB refuses as malformed (400) are dropped and counted, not thrown.
   */
  async flush(): Promise<void> {
    // A pass sends the write buffer and then the retry buffer, and ends at the first failure; full
    // batches WriteApi sent on its own may still be out. A refused batch (dropped) ends a pass too:
    // the next goes on with the rest. Done when every queued line was written or dropped.
    for (let pass = 0; pass < 1_000 && this.state !== 'stopped'; pass++) {
      try {
        await this.api.flush(true);
      } catch (err) {
        if (!(err instanceof HttpError && err.statusCode < 429)) throw asWriteError(err);
      }
      await this.client.settled();
      if (this.stats().buffered === 0) return;
    }
  }

  /**
   * One last attempt to deliver everything, for at most `timeoutMs` (default stopTimeoutMs); then
   * closes the API and the connection and counts what is left as dropped. Never rejects; after it,
   * nothing is sent again.
   */
  stop(timeoutMs: number = this.stopTimeoutMs): Promise<void> {
    this.stopping ??= this.shutdown(timeoutMs);
    return this.stopping;
  }

  stats(): InfluxWriterStats {
    return {
      pointsWritten: this.written,
      pointsDropped: this.dropped,
      writeFailures: this.failures,
      buffered: Math.max(0, this.enqueued - this.written - this.dropped),
    };
  }

  private async shutdown(timeoutMs: number): Promise<void> {
    await waitAtMost(
      this.flush().catch(() => undefined),
      timeoutMs,
    );
    this.state = 'stopped';
    this.api.dispose();
    this.client.close();
    // Whatever is still queued or in flight is lost: counted once here (a late answer corrects it).
    const left = this.stats().buffered;
    this.dropped += left;
    if (left > 0) this.log.warn({ target: this.target, points: left }, `metrics writer stopped with ${left} points undelivered`);
  }

  private delivered(lines: number): void {
    this.written += lines;
    // A request that was in flight when stop() counted its lines as dropped.
    if (this.state === 'stopped') this.dropped -= lines;
    if (this.outage === 0) return;
    this.log.info({ target: this.target, failedAttempts: this.outage, buffered: this.stats().buffered }, 'InfluxDB writes recovered');
    this.outage = 0;
  }

  /** Every failed request: the library retries it unless it is final (as WriteApi decides). */
  private failed(error: Error, lines: number, attempt: number, expires: number): void {
    if (this.state === 'stopped') return;
    const status = error instanceof HttpError ? error.statusCode : error instanceof MetricsWriteError ? error.status : undefined;
    const refused = error instanceof HttpError && error.statusCode < 429;
    if (refused || attempt > MAX_RETRIES || expires <= Date.now()) {
      // Malformed or conflicting points (or too old): retrying cannot help. InfluxDB 1.x stores the
      // good lines of a partial write and says how many it dropped; without that, the whole batch.
      const body = error instanceof HttpError ? (error.body ?? '') : '';
      const lost = Math.min(lines, (refused ? partialWriteDropped(body) : undefined) ?? lines);
      this.written += lines - lost;
      this.dropped += lost;
      const swallowed = this.rejectLog.hit();
      if (swallowed !== undefined) {
        const detail = refused ? `InfluxDB answered ${status}: ${influxErrorText(body)}` : describeError(error);
        this.log.warn(
          { target: this.target, status, dropped: lost, batch: lines, earlierRejections: swallowed, detail },
          'InfluxDB refused metric points; they are dropped',
        );
      }
      return;
    }
    this.failures++;
    this.outage++;
    const swallowed = this.failureLog.hit();
    if (swallowed !== undefined) {
      const err =
        error instanceof HttpError
          ? `InfluxDB answered ${error.statusCode}: ${influxErrorText(error.body ?? '')}`
          : error instanceof MetricsWriteError
            ? error.message
            : describeError(error);
      this.log.warn(
        { target: this.target, status, err, failuresSinceLastWarning: swallowed + 1, buffered: this.stats().buffered, dropped: this.dropped },
        `InfluxDB write failed (${err}); points stay buffered and are retried with backoff`,
      );
    }
  }

  /** The retry buffer was full: WriteApi dropped its oldest lines. */
  private overflowed(lines: number): void {
    this.dropped += lines;
    const swallowed = this.overflowLog.hit();
    if (swallowed !== undefined) {
      this.log.warn({ target: this.target, limit: this.bufferLimit, droppedTotal: this.dropped }, 'metrics buffer full; the oldest points are dropped');
    }
  }
}

function asWriteError(err: unknown): MetricsWriteError {
  if (err instanceof MetricsWriteError) return err;
  if (err instanceof HttpError) return new MetricsWriteError(`InfluxDB answered ${err.statusCode}: ${influxErrorText(err.body ?? '')}`, err.statusCode, true);
  return new MetricsWriteError(describeError(err), undefined, true);
}
