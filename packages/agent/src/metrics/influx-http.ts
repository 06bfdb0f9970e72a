/**
 * One request to InfluxDB 1.x's `POST /write`: gzip'd line protocol, basic auth, a hard timeout.
 * The v1 endpoint is used because it exists on every 1.x (the client library's v2 API is a 404 on
 * 1.6); node's http keeps this free of new dependencies and gives full control over sockets.
 */
import http from 'node:http';
import https from 'node:https';
import { MetricsWriteError } from '../errors.js';

export interface InfluxTarget {
  /** Base URL, e.g. http://influxdb:8086; a path prefix (behind a proxy) is kept. */
  url: string;
  db: string;
  rp?: string;
  user?: string;
  password?: string;
}

export interface WriteResult {
  status: number;
  /** The start of the answer body (InfluxDB puts its error there as JSON). */
  body: string;
}

/** Enough of an error body to say what went wrong, never a whole page. */
const MAX_BODY_CHARS = 2048;

export class InfluxHttp {
  /** Where points go, for logs: scheme, host, path and database, never credentials. */
  readonly target: string;
  private readonly writeUrl: URL;
  private readonly auth: string | undefined;
  private readonly agent: http.Agent;

  constructor(target: InfluxTarget) {
    const base = new URL(target.url);
    // Credentials in the URL are honoured but moved to the header, so they never reach a log line.
    const user = target.user ?? (base.username ? decodeURIComponent(base.username) : undefined);
    const password = target.password ?? (base.password ? decodeURIComponent(base.password) : undefined);
    base.username = '';
    base.password = '';
    if (!base.pathname.endsWith('/')) base.pathname += '/';
    this.writeUrl = new URL('write', base);
    this.writeUrl.search = '';
    this.writeUrl.searchParams.set('db', target.db);
    if (target.rp) this.writeUrl.searchParams.set('rp', target.rp);
    this.writeUrl.searchParams.set('precision', 'ms');
    this.auth = user !== undefined ? `Basic ${Buffer.from(`${user}:${password ?? ''}`).toString('base64')}` : undefined;
    this.target = `${base.origin}${base.pathname} db=${target.db}${target.rp ? ` rp=${target.rp}` : ''}`;
    const secure = base.protocol === 'https:';
    if (!secure && base.protocol !== 'http:') throw new RangeError(`InfluxDB URL must be http or https, got ${base.protocol}`);
    // Keep-alive: one connection carries every batch instead of a handshake per write.
    this.agent = secure ? new https.Agent({ keepAlive: true, maxSockets: 1 }) : new http.Agent({ keepAlive: true, maxSockets: 1 });
  }

  /**
   * Sends a gzip'd body. Resolves with any HTTP answer (the caller decides what a status means);
   * rejects with a retryable MetricsWriteError when there is no answer: refused, reset, timed
   * out after `timeoutMs`, or aborted through `signal`.
   */
  write(gzipped: Buffer, timeoutMs: number, signal?: AbortSignal): Promise<WriteResult> {
    const headers: http.OutgoingHttpHeaders = {
      'content-type': 'text/plain; charset=utf-8',
      'content-encoding': 'gzip',
      'content-length': gzipped.length,
    };
    if (this.auth) headers['authorization'] = this.auth;
    const lib = this.writeUrl.protocol === 'https:' ? https : http;

    return new Promise<WriteResult>((resolve, reject) => {
      // One controller per request, fed by a timer and the caller's signal, both detached when the
      // request ends. (AbortSignal.any over the writer's lifelong stop signal would keep one
      // dependent signal per request alive on Node 20: a slow leak in a months-long process.)
      const abort = new AbortController();
      let why = '';
      const cut = (reason: string): void => {
        why ||= reason;
        abort.abort();
      };
      const timer = setTimeout(() => cut(`no answer within ${timeoutMs} ms`), timeoutMs);
      const onStop = (): void => cut('aborted');
      signal?.addEventListener('abort', onStop, { once: true });
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onStop);
      };
      const fail = (err: unknown): void => {
        done();
        const detail = why || (err instanceof Error ? ((err as NodeJS.ErrnoException).code ?? err.message) : String(err));
        reject(new MetricsWriteError(`write to ${this.target} failed: ${detail}`, undefined, true));
      };
      if (signal?.aborted) return fail(new Error('aborted'));

      const req = lib.request(this.writeUrl, { method: 'POST', headers, agent: this.agent, signal: abort.signal }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (body.length < MAX_BODY_CHARS) body += chunk;
        });
        res.on('end', () => {
          done();
          resolve({ status: res.statusCode ?? 0, body: body.slice(0, MAX_BODY_CHARS) });
        });
        res.on('error', fail);
        // Cut off mid-answer (abort, reset): the status alone does not prove the batch was stored.
        res.on('close', () => {
          if (!res.complete) fail(new Error('answer cut off'));
        });
      });
      req.on('error', fail);
      req.end(gzipped);
    });
  }

  /** Closes idle keep-alive sockets so nothing holds the process open after the last write. */
  close(): void {
    this.agent.destroy();
  }
}
