/**
 * Pushes points to InfluxDB 1.x without ever holding up the agent: enqueue() only converts and
 * buffers; a background loop sends batches, backs off while InfluxDB is down, slow or refusing,
 * and delivers the backlog when it returns. Memory is bounded: past the limit the oldest go.
 */
import { promisify } from 'node:util';
import { gzip as gzipCb } from 'node:zlib';
import type { Logger } from 'pino';
import { MetricsWriteError, describeError } from '../errors.js';
import { influxErrorText } from '../influx-answer.js';
import type { MetricPoint } from '../types.js';
import { fullJitterBackoff } from './backoff.js';
import { InfluxHttp, type WriteResult } from './influx-http.js';
import { LineBuffer } from './line-buffer.js';
import { toLines } from './line-protocol.js';
import { LogThrottle } from './log-throttle.js';

const gzip = promisify(gzipCb);

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
  /** Lines kept while InfluxDB is unreachable; the oldest are dropped past it. */
  bufferLimit: number;
  /** Upper bound of the retry delay. */
  maxBackoffMs: number;
  log: Logger;
  /** A request with no answer after this long counts as failed. Default 10 s. */
  fetchTimeoutMs?: number;
  /** First retry delay bound; it doubles per failure up to maxBackoffMs. Default 500 ms. */
  minBackoffMs?: number;
  /** How long points may wait for a batch to fill before they are sent anyway. Default 1 s. */
  flushIntervalMs?: number;
  /** At most one warning per condition (write failing, buffer overflowing) per window. Default 10 s. */
  warnIntervalMs?: number;
  /** Time stop() gives the final flush. Default 5 s. */
  stopTimeoutMs?: number;
}

export interface InfluxWriterStats {
  /** Points InfluxDB accepted. */
  pointsWritten: number;
  /** Points given up: pushed out of a full buffer, refused by InfluxDB (400), or enqueued after stop. */
  pointsDropped: number;
  /** Requests that failed (no answer, 5xx, 401, ...); each is retried. */
  writeFailures: number;
  /** Points waiting, including a batch in flight. */
  buffered: number;
}

type State = 'idle' | 'running' | 'stopping' | 'stopped';

/**
 * Statuses worth retrying: the server is unwell (5xx), overloaded (429, 408), or not ready for
 * us yet: credentials or the database are created by InfluxDB's own init, which can finish after
 * the first agents start (401, 403, 404). Any other 4xx means these points can never be written.
 */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 401 || status === 403 || status === 404 || status === 408 || status === 429;
}

export class InfluxWriter {
  private readonly http: InfluxHttp;
  private readonly buffer: LineBuffer;
  private readonly log: Logger;
  private readonly batchSize: number;
  private readonly maxBackoffMs: number;
  private readonly minBackoffMs: number;
  private readonly fetchTimeoutMs: number;
  private readonly flushIntervalMs: number;
  private readonly stopTimeoutMs: number;
  private readonly failureLog: LogThrottle;
  private readonly overflowLog: LogThrottle;
  private readonly rejectLog: LogThrottle;

  private state: State = 'idle';
  private written = 0;
  private dropped = 0;
  private failures = 0;
  /** Failures since the last success, for the recovery line. */
  private outage = 0;
  /** One send at a time: the loop and flush() share the buffer's single in-flight batch. */
  private lock: Promise<unknown> = Promise.resolve();
  private loop: Promise<void> | undefined;
  /** Ends the current pause of the loop early (enough points, or stop). */
  private wakeLoop: (() => void) | undefined;
  private wakeOnWork = false;
  /** Aborted when stop()'s time is up: cuts any request still in flight. */
  private readonly stopAbort = new AbortController();
  private stopping: Promise<void> | undefined;

  constructor(options: InfluxWriterOptions) {
    this.http = new InfluxHttp(options);
    this.buffer = new LineBuffer(Math.max(1, Math.floor(options.bufferLimit)));
    this.batchSize = Math.min(Math.max(1, Math.floor(options.batchSize)), this.buffer.limit);
    this.log = options.log.child({ component: 'influx-writer' });
    this.maxBackoffMs = Math.max(1, options.maxBackoffMs);
    this.minBackoffMs = Math.min(options.minBackoffMs ?? 500, this.maxBackoffMs);
    this.fetchTimeoutMs = options.fetchTimeoutMs ?? 10_000;
    this.flushIntervalMs = options.flushIntervalMs ?? 1_000;
    this.stopTimeoutMs = options.stopTimeoutMs ?? 5_000;
    const warnMs = options.warnIntervalMs ?? 10_000;
    this.failureLog = new LogThrottle(warnMs);
    this.overflowLog = new LogThrottle(warnMs);
    this.rejectLog = new LogThrottle(warnMs);
  }

  /** Converts and buffers points. Never blocks, never throws; returns at once. */
  enqueue(points: readonly MetricPoint[]): void {
    try {
      if (this.state === 'stopped') {
        // Nobody will send them: count them, so a late collector's loss is visible in stats.
        this.dropped += points.length;
        return;
      }
      const lines = toLines(points);
      if (lines.length === 0) return;
      const lost = this.buffer.push(lines);
      if (lost > 0) this.countDropped(lost);
      if (this.wakeOnWork && this.buffer.size >= this.batchSize) this.wakeLoop?.();
    } catch (err) {
      // Only a bug can land here; losing these points beats throwing into a collector loop.
      this.dropped += points.length;
      this.log.error({ err: describeError(err) }, 'could not buffer metric points');
    }
  }

  /**
   * Sends what is buffered now, batch after batch, one attempt each. Rejects with a retryable
   * MetricsWriteError at the first batch that cannot be delivered; its points stay buffered for
   * the background loop. Batches InfluxDB refuses as malformed (400) are dropped, not thrown.
   */
  async flush(): Promise<void> {
    if (this.state === 'stopped') return;
    let remaining = this.buffer.size;
    while (remaining > 0) {
      const sent = await this.exclusive(() => this.sendBatch());
      if (sent === 0) return;
      remaining -= sent;
    }
  }

  /** Starts the background sender. */
  start(): void {
    if (this.state !== 'idle') return;
    this.state = 'running';
    this.loop = this.run();
  }

  /**
   * Stops the background sender and makes one last attempt to deliver the buffer, for at most
   * `timeoutMs` (default stopTimeoutMs); then cuts any request still open. Never rejects; after
   * it, nothing is sent again.
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
      buffered: this.buffer.held,
    };
  }

  private async shutdown(timeoutMs: number): Promise<void> {
    this.state = 'stopping';
    const deadline = setTimeout(() => this.stopAbort.abort(), timeoutMs);
    try {
      this.wakeLoop?.();
      await this.loop;
      let remaining = this.buffer.size;
      while (remaining > 0 && !this.stopAbort.signal.aborted) {
        const sent = await this.exclusive(() => this.sendBatch());
        if (sent === 0) break;
        remaining -= sent;
      }
    } catch {
      // Already counted and logged by sendBatch; shutdown goes on regardless.
    } finally {
      clearTimeout(deadline);
      this.stopAbort.abort();
      this.state = 'stopped';
      this.http.close();
    }
    const left = this.buffer.held;
    if (left > 0) this.log.warn({ target: this.http.target, points: left }, `metrics writer stopped with ${left} points undelivered`);
  }

  /** The background sender: waits for work, sends while there is some, backs off on failure. */
  private async run(): Promise<void> {
    let attempt = 0;
    while (this.state === 'running') {
      const failing = attempt > 0;
      await this.pause(failing ? fullJitterBackoff(attempt, this.minBackoffMs, this.maxBackoffMs) : this.flushIntervalMs, !failing);
      while (this.state === 'running' && this.buffer.size > 0) {
        try {
          await this.exclusive(() => this.sendBatch());
          attempt = 0;
        } catch {
          // Counted and logged by sendBatch; the loop's only job here is to wait longer.
          attempt = Math.min(attempt + 1, 30);
          break;
        }
      }
    }
  }

  /** Sleeps `ms`, ending early on stop() and, when `wakeable`, once a full batch is waiting. */
  private pause(ms: number, wakeable: boolean): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeLoop = undefined;
        this.wakeOnWork = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      // A forgotten writer must not keep a process (or a test run) alive.
      timer.unref();
      this.wakeLoop = done;
      this.wakeOnWork = wakeable;
      if (wakeable && this.buffer.size >= this.batchSize) done();
    });
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  /**
   * Sends the oldest batch once. Returns how many lines left the buffer (0: nothing to send).
   * Throws a retryable MetricsWriteError when the batch must be retried; it is back in the buffer.
   */
  private async sendBatch(): Promise<number> {
    const lines = this.buffer.take(this.batchSize);
    if (lines.length === 0) {
      this.buffer.settle();
      return 0;
    }
    let result: WriteResult;
    try {
      if (this.stopAbort.signal.aborted) throw new MetricsWriteError('writer stopped', undefined, true);
      const body = await gzip(Buffer.from(lines.join('\n'), 'utf8'));
      result = await this.http.write(body, this.fetchTimeoutMs, this.stopAbort.signal);
    } catch (err) {
      throw this.retryLater(lines, err instanceof MetricsWriteError ? err : new MetricsWriteError(describeError(err), undefined, true));
    }

    const { status } = result;
    if (status >= 200 && status < 300) {
      this.buffer.settle();
      this.written += lines.length;
      this.recovered();
      return lines.length;
    }
    const detail = `InfluxDB answered ${status}: ${influxErrorText(result.body)}`;
    if (isRetryableStatus(status)) throw this.retryLater(lines, new MetricsWriteError(detail, status, true));

    // Malformed or conflicting points: retrying cannot help. InfluxDB 1.x stores the good lines of
    // a partial write and says how many it dropped; without that figure, count the whole batch.
    this.buffer.settle();
    const refused = Math.min(lines.length, partialDropCount(result.body) ?? lines.length);
    this.written += lines.length - refused;
    this.dropped += refused;
    const swallowed = this.rejectLog.hit();
    if (swallowed !== undefined) {
      this.log.warn(
        { target: this.http.target, status, dropped: refused, batch: lines.length, earlierRejections: swallowed, detail },
        'InfluxDB refused metric points; they are dropped',
      );
    }
    return lines.length;
  }

  /** A failed attempt: the batch goes back, the failure is counted and logged (throttled). */
  private retryLater(lines: string[], err: MetricsWriteError): MetricsWriteError {
    const lost = this.buffer.putBack(lines);
    if (lost > 0) this.countDropped(lost);
    this.failures++;
    this.outage++;
    const swallowed = this.failureLog.hit();
    if (swallowed !== undefined) {
      this.log.warn(
        {
          target: this.http.target,
          status: err.status,
          err: err.message,
          failuresSinceLastWarning: swallowed + 1,
          buffered: this.buffer.held,
          dropped: this.dropped,
        },
        `InfluxDB write failed (${err.message}); points stay buffered and are retried with backoff`,
      );
    }
    return err;
  }

  private recovered(): void {
    if (this.outage === 0) return;
    this.log.info({ target: this.http.target, failedAttempts: this.outage, buffered: this.buffer.held }, 'InfluxDB writes recovered');
    this.outage = 0;
  }

  private countDropped(n: number): void {
    this.dropped += n;
    const swallowed = this.overflowLog.hit();
    if (swallowed !== undefined) {
      this.log.warn(
        { target: this.http.target, limit: this.buffer.limit, droppedTotal: this.dropped },
        'metrics buffer full; the oldest points are dropped',
      );
    }
  }
}

/** `partial write: ... dropped=N` -> N. */
function partialDropCount(body: string): number | undefined {
  const m = /dropped=(\d+)/.exec(body);
  return m ? Number(m[1]) : undefined;
}
