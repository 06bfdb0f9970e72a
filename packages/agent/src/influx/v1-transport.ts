/**
 * The client library speaks InfluxDB 2's HTTP API; the platform runs InfluxDB 1.x (Debian's 1.6 in
 * the local mode and the tests, Alpine's 1.x in the image), which has no `/api/v2/write` (1.6 answers
 * 404) and authenticates with a user and password rather than a token. This transport sits between
 * the library and node's HTTP transport and does exactly that mapping, so one code path (Point,
 * WriteApi's batching, retries and buffer) serves every 1.x:
 *
 * - `POST /api/v2/write?org=&bucket=db/rp&precision=ms` becomes `POST /write?db=&rp=&precision=ms`.
 *   The bucket is `database/retention-policy` (the 1.8 compatibility API's convention; no `/rp`
 *   means the database's default policy), the org is meaningless to 1.x and dropped, and the
 *   precision takes 1.x's names (`ns`->`n`, `us`->`u`).
 * - every request carries HTTP basic auth (1.x's `auth-enabled`), never a token.
 * - a write answered 401, 403 or 404 is not final on 1.x: the influxdb service creates the users,
 *   grants and database in its own init, which can finish after the first agents start. The
 *   library retries only statuses from 429 up, so these come back as a retryable MetricsWriteError.
 *
 * Everything else (`/query`, `/ping`) passes through with the auth header.
 */
import http from 'node:http';
import https from 'node:https';
import { HttpError, InfluxDB, type CommunicationObserver, type SendOptions, type Transport } from '@influxdata/influxdb-client';
import { MetricsWriteError } from '../errors.js';
import { influxErrorText } from './influx-answer.js';

export interface V1Connection {
  /** Base URL, e.g. http://influxdb:8086; a path prefix (behind a proxy) is kept. Credentials in it move to the auth header. */
  url: string | URL;
  user?: string;
  password?: string;
  /** Instead of user/password: a JWT for influxd's shared-secret authentication (`Authorization: Bearer`). */
  bearer?: string;
  /** A request with no complete answer after this long is cut (and fails as retryable). Default 10 s. */
  timeoutMs?: number;
  /** One keep-alive connection for every request (a writer); off for one-shot users (a check). Default true. */
  keepAlive?: boolean;
  /** https only: accept a self-signed certificate. */
  insecureTls?: boolean;
}

export interface V1Transport extends Transport {
  /** scheme://host/path, never credentials: for logs and error messages. */
  readonly target: string;
  /**
   * Resolves once no request sent through send() is waiting for its answer. WriteApi starts a
   * batch as soon as it is full without handing back its promise; this is how a flush knows those
   * have ended too.
   */
  settled(): Promise<void>;
  /** Ends idle keep-alive sockets, so nothing holds the process open. */
  close(): void;
}

const V2_WRITE = '/api/v2/write';
const PRECISION: Readonly<Record<string, string>> = { ns: 'n', us: 'u', ms: 'ms', s: 's' };
/** 1.x statuses that mean "not set up yet" rather than "these points are bad". */
const NOT_READY = new Set([401, 403, 404]);

/** `/api/v2/write?...` -> `/write?db=&rp=&precision=`; undefined for any other path. */
export function v1WritePath(path: string): string | undefined {
  const [pathname, query = ''] = path.split('?', 2) as [string, string?];
  if (pathname !== V2_WRITE) return undefined;
  const v2 = new URLSearchParams(query);
  const bucket = v2.get('bucket') ?? '';
  const slash = bucket.indexOf('/');
  const v1 = new URLSearchParams({ db: slash < 0 ? bucket : bucket.slice(0, slash) });
  const rp = slash < 0 ? '' : bucket.slice(slash + 1);
  if (rp) v1.set('rp', rp);
  const precision = v2.get('precision');
  if (precision) v1.set('precision', PRECISION[precision] ?? precision);
  const consistency = v2.get('consistency');
  if (consistency) v1.set('consistency', consistency);
  return `/write?${v1.toString()}`;
}

/** The bucket name the library is given for a 1.x database and retention policy. */
export function v1Bucket(db: string, rp?: string): string {
  return rp ? `${db}/${rp}` : db;
}

export function createV1Transport(conn: V1Connection): V1Transport {
  const base = new URL(conn.url);
  const user = conn.user ?? (base.username ? decodeURIComponent(base.username) : undefined);
  const password = conn.password ?? (base.password ? decodeURIComponent(base.password) : undefined);
  base.username = '';
  base.password = '';
  base.search = '';
  base.hash = '';
  const secure = base.protocol === 'https:';
  if (!secure && base.protocol !== 'http:') throw new RangeError(`InfluxDB URL must be http or https, got ${base.protocol}`);
  const target = `${base.origin}${base.pathname.replace(/\/$/, '')}`;

  const keepAlive = conn.keepAlive ?? true;
  const agent = secure
    ? new https.Agent({ keepAlive, maxSockets: keepAlive ? 1 : Infinity, rejectUnauthorized: !conn.insecureTls })
    : new http.Agent({ keepAlive, maxSockets: keepAlive ? 1 : Infinity });
  const headers: Record<string, string> = {};
  if (conn.bearer !== undefined) headers['authorization'] = `Bearer ${conn.bearer}`;
  else if (user !== undefined) headers['authorization'] = `Basic ${Buffer.from(`${user}:${password ?? ''}`).toString('base64')}`;
  // The library's own node transport does the HTTP: sockets, timeouts, gzip, error bodies.
  const inner = new InfluxDB({
    url: target,
    timeout: conn.timeoutMs ?? 10_000,
    headers,
    transportOptions: { agent, ...(secure && conn.insecureTls ? { rejectUnauthorized: false } : {}) },
  }).transport;

  const timeoutMs = conn.timeoutMs ?? 10_000;
  let pending = 0;
  let waiting: (() => void)[] = [];
  const ended = (): void => {
    if (--pending > 0) return;
    const wake = waiting;
    waiting = [];
    for (const w of wake) w();
  };

  return {
    target,
    chunkCombiner: inner.chunkCombiner,
    send(path: string, body: string, options: SendOptions, callbacks: Partial<CommunicationObserver<Uint8Array>> = {}): void {
      const write = v1WritePath(path);
      const deadline = hardDeadline(options, timeoutMs);
      pending++;
      let open = true;
      const end = (): void => {
        if (!open) return;
        open = false;
        deadline.done();
        ended();
      };
      inner.send(write ?? path, body, deadline.options, {
        ...callbacks,
        complete: () => {
          end();
          callbacks.complete?.();
        },
        error: (err: Error) => {
          end();
          callbacks.error?.(write === undefined ? deadline.explain(err) : notReadyIsRetryable(deadline.explain(err)));
        },
      });
    },
    settled: () => (pending === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiting.push(resolve))),
    async request(path, body, options, responseStarted) {
      const deadline = hardDeadline(options, timeoutMs);
      try {
        return (await inner.request(v1WritePath(path) ?? path, body, deadline.options, responseStarted)) as unknown;
      } catch (err) {
        throw err instanceof Error ? deadline.explain(err) : err;
      } finally {
        deadline.done();
      }
    },
    iterate: (path, body, options) => inner.iterate(v1WritePath(path) ?? path, body, options),
    close: () => agent.destroy(),
  };
}

/**
 * The node transport's `timeout` is a socket idle timer that reports an error but leaves the
 * request open: with one keep-alive socket, a server that accepts and never answers would hold
 * every later write behind it. An abort signal per request ends it for real after `ms`, and joins
 * the caller's own signal (ended with the request, so a long-lived signal gathers no listeners).
 */
function hardDeadline(options: SendOptions, ms: number): { options: SendOptions; done(): void; explain(err: Error): Error } {
  const abort = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, ms);
  const outer = options.signal;
  const follow = (): void => abort.abort();
  if (outer?.aborted) abort.abort();
  else outer?.addEventListener('abort', follow, { once: true });
  return {
    options: { ...options, signal: abort.signal },
    done: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', follow);
    },
    explain: (err) => (timedOut ? new Error(`no complete answer within ${ms} ms`, { cause: err }) : err),
  };
}

function notReadyIsRetryable(err: Error): Error {
  if (!(err instanceof HttpError) || !NOT_READY.has(err.statusCode)) return err;
  const detail = influxErrorText(err.body ?? '');
  // The target is not repeated here: the writer logs it beside the message.
  return new MetricsWriteError(`InfluxDB answered ${err.statusCode}: ${detail}`, err.statusCode, true);
}
