/**
 * One HTTP(S) request as a checker needs it: redirects not followed (the checks look at each),
 * any certificate accepted (the platform's are self-signed), the path sent exactly as given, and
 * what TLS was spoken.
 */
import http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The TLS version negotiated ('TLSv1.3'), or null over plain http. */
  tls: string | null;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Sent as is (e.g. an unnormalised path); default the URL's path and query. */
  path?: string;
  /** Default 20 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export function request(url: string, options: RequestOptions = {}): Promise<RawResponse> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  const timeoutMs = options.timeoutMs ?? 20_000;
  return new Promise((resolve, reject) => {
    const req = client.request(
      {
        host: target.hostname,
        port: target.port,
        path: options.path ?? `${target.pathname}${target.search}`,
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: false,
        rejectUnauthorized: false,
        ...(options.signal ? { signal: options.signal } : {}),
      },
      (res) => {
        const tls = target.protocol === 'https:' ? ((res.socket as TLSSocket).getProtocol?.() ?? 'TLS') : null;
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, tls }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer from ${url} within ${timeoutMs / 1000} s`)));
    req.end(options.body);
  });
}
