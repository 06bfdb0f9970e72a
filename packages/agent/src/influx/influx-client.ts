/**
 * The one InfluxDB 1.x client of the repository: ping, InfluxQL over `/query`, single writes, and
 * the library's WriteApi for the metrics stream, all through the 1.x transport (basic auth, the
 * library's node HTTP). The influxdb service's bootstrap, the influxdb check, testkit's server and
 * the e2e suites use this; nothing else speaks InfluxDB's HTTP API.
 */
import { HttpError, InfluxDB, type SendOptions, type WriteApi, type WriteOptions } from '@influxdata/influxdb-client';
import { InfluxError, describeError } from '../errors.js';
import { influxErrorText } from './influx-answer.js';
import { createV1Transport, v1Bucket, type V1Connection, type V1Transport } from './v1-transport.js';

/** One series of an InfluxQL answer. */
export interface InfluxSeries {
  name: string;
  tags?: Record<string, string>;
  columns: string[];
  values: unknown[][];
}

export interface InfluxStatementResult {
  statement_id: number;
  series?: InfluxSeries[];
  error?: string;
}

export interface QueryOptions {
  db?: string;
  /** POST for statements that change state (CREATE, GRANT, SET PASSWORD are refused over GET). Default GET. */
  method?: 'GET' | 'POST';
  /** Timestamps as epoch numbers in this unit instead of RFC 3339 strings. */
  epoch?: 'ns' | 'u' | 'ms' | 's' | 'm' | 'h';
  signal?: AbortSignal;
  /**
   * Names the statement in errors. Default: its first two words ("CREATE USER"), never the whole
   * text, which may hold a password.
   */
  what?: string;
}

export interface WriteTarget {
  db: string;
  /** Default: the database's default retention policy. */
  rp?: string;
}

export class InfluxClient {
  private readonly transport: V1Transport;

  constructor(connection: V1Connection) {
    this.transport = createV1Transport(connection);
  }

  /** scheme://host/path of the server, without credentials. */
  get target(): string {
    return this.transport.target;
  }

  /** GET /ping: resolves once the server answers 204 (it needs no credentials, even with auth on). */
  async ping(signal?: AbortSignal): Promise<void> {
    await this.send('ping', '/ping', '', { method: 'GET', ...(signal ? { signal } : {}) });
  }

  /**
   * Runs InfluxQL; resolves with one result per statement. Rejects with an InfluxError on an HTTP
   * error and when any statement reports one (a 200 answer can still say "database not found").
   */
  async query(q: string, options: QueryOptions = {}): Promise<InfluxStatementResult[]> {
    const params = new URLSearchParams();
    if (options.db !== undefined) params.set('db', options.db);
    if (options.epoch) params.set('epoch', options.epoch);
    params.set('q', q);
    const what = options.what ?? firstWords(q);
    const send: SendOptions = { method: options.method ?? 'GET', ...(options.signal ? { signal: options.signal } : {}) };
    let answer: unknown;
    if (send.method === 'POST') {
      send.headers = { 'content-type': 'application/x-www-form-urlencoded' };
      answer = await this.send(`InfluxQL ${what}`, '/query', params.toString(), send);
    } else {
      answer = await this.send(`InfluxQL ${what}`, `/query?${params.toString()}`, '', send);
    }
    const body = (answer ?? {}) as { results?: InfluxStatementResult[]; error?: string };
    const error = body.error ?? body.results?.find((r) => r.error)?.error;
    if (error) throw new InfluxError(`InfluxQL ${what}: ${error}`, 200);
    return body.results ?? [];
  }

  /** The series of the first statement ([] when it has none). */
  async series(q: string, options: QueryOptions = {}): Promise<InfluxSeries[]> {
    const [first] = await this.query(q, options);
    return first?.series ?? [];
  }

  /** Rows of the first series of the first statement, as objects keyed by column. */
  async rows(q: string, options: QueryOptions = {}): Promise<Record<string, unknown>[]> {
    const [series] = await this.series(q, options);
    if (!series) return [];
    return (series.values ?? []).map((row) => Object.fromEntries(series.columns.map((c, i) => [c, row[i]])));
  }

  /** A GET whose answer is read as text (`/debug/vars`, the server's own figures). */
  async getText(path: string, signal?: AbortSignal): Promise<string> {
    const answer = await this.send(`GET ${path}`, path, '', { method: 'GET', headers: { accept: 'text/plain' }, ...(signal ? { signal } : {}) });
    return typeof answer === 'string' ? answer : '';
  }

  /** One POST /write of line protocol, acknowledged (204) before it resolves. For probes and tests; metrics go through writeApi(). */
  async write(lines: string, target: WriteTarget & { precision?: 'n' | 'u' | 'ms' | 's'; signal?: AbortSignal }): Promise<void> {
    const params = new URLSearchParams({ db: target.db });
    if (target.rp) params.set('rp', target.rp);
    params.set('precision', target.precision ?? 'ms');
    const send: SendOptions = { method: 'POST', headers: { 'content-type': 'text/plain; charset=utf-8' } };
    if (target.signal) send.signal = target.signal;
    await this.send('write', `/write?${params.toString()}`, lines, send);
  }

  /**
   * The library's WriteApi on this server: it batches, retries with backoff and jitter, bounds its
   * retry buffer and flushes on close. Timestamps are written in milliseconds.
   */
  writeApi(target: WriteTarget, options: Partial<WriteOptions>): WriteApi {
    // The org is a v2 notion the transport drops; the bucket carries database and policy.
    return new InfluxDB({ url: this.target, transport: this.transport }).getWriteApi('', v1Bucket(target.db, target.rp), 'ms', options);
  }

  /** Resolves once no write the WriteApi started is waiting for its answer. */
  settled(): Promise<void> {
    return this.transport.settled();
  }

  /** Ends the keep-alive socket; the client must not be used afterwards. */
  close(): void {
    this.transport.close();
  }

  private async send(what: string, path: string, body: string, options: SendOptions): Promise<unknown> {
    try {
      return (await this.transport.request(path, body, options)) as unknown;
    } catch (err) {
      if (err instanceof HttpError) {
        throw new InfluxError(`${what}: ${err.statusCode} ${influxErrorText(err.body ?? '')}`, err.statusCode, { cause: err });
      }
      throw new InfluxError(`${what}: no answer from ${this.target}: ${describeError(err)}`, undefined, { cause: err });
    }
  }
}

/** "CREATE USER", "SHOW DATABASES": enough to say which statement failed, never its secrets. */
function firstWords(statement: string): string {
  return statement.trim().split(/\s+/).slice(0, 2).join(' ');
}
