/**
 * An HTTP(S) request whose answer must match: status, Location, a piece of the body. Redirects are
 * never followed: the platform's redirects (80 -> 443, /wordpress -> :5050) are what is checked.
 */
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { SECRET_MASK } from '../secret-mask.js';
import type { Probe } from '../types.js';
import { abortable } from './abortable.js';
import { checkFailed, unreachable } from './messages.js';

export interface HttpCheckOptions {
  url: string | URL;
  /** Default 'GET'. */
  method?: string;
  /** Default exactly 200. */
  expectStatus?: number | readonly number[];
  /** The exact Location header, or a pattern it must match. */
  expectLocation?: string | RegExp;
  /** Text the body must contain (searched in the first 256 KiB). */
  bodyContains?: string;
  /** Accept any certificate (the platform's own self-signed one). */
  insecureTls?: boolean;
  headers?: Readonly<Record<string, string>>;
  /** Host header (and TLS server name) when it differs from the URL's host. */
  hostHeader?: string;
}

/** Enough for any page's marker text; a probe must not download a whole file. */
export const MAX_BODY_BYTES = 256 * 1024;

export function httpCheck(options: HttpCheckOptions): Probe {
  const url = new URL(options.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`httpCheck: not an http(s) URL: ${safeUrl(url)}`);
  const method = (options.method ?? 'GET').toUpperCase();
  const expected = options.expectStatus === undefined ? [200] : [options.expectStatus].flat();
  const target = `${method} ${safeUrl(url)}${options.hostHeader ? ` (Host: ${options.hostHeader})` : ''}`;
  const secrets = [url.password ? decodeURIComponent(url.password) : undefined];
  const isHttps = url.protocol === 'https:';
  const servername = tlsServerName(options.hostHeader);

  return ({ signal }) =>
    abortable<string>(signal, (resolve, reject) => {
      const headers = { 'user-agent': 'ft-agent-check', ...options.headers, ...(options.hostHeader ? { host: options.hostHeader } : {}) };
      // A fresh connection per probe (agent: false), destroyed after it: nothing pooled outlives the probe.
      const req = isHttps
        ? https.request(url, { method, headers, agent: false, rejectUnauthorized: !options.insecureTls, ...(servername ? { servername } : {}) })
        : http.request(url, { method, headers, agent: false });
      req.on('error', (err) => reject(unreachable(target, err, secrets)));
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        if (!expected.includes(status)) {
          reject(checkFailed(target, `expected status ${expected.join(' or ')}, got ${status}`, secrets));
          return;
        }
        const location = res.headers.location;
        const locationProblem = checkLocation(options.expectLocation, location);
        if (locationProblem) {
          reject(checkFailed(target, locationProblem, secrets));
          return;
        }
        const detail = location === undefined ? `${status}` : `${status} -> ${location}`;
        readBody(res, options.bodyContains, (problem) => {
          if (problem) reject(checkFailed(target, problem, secrets));
          else resolve(detail);
        });
        res.on('error', (err) => reject(unreachable(target, err, secrets)));
      });
      req.end();
      // Reading stops at the first answer or at abort; either way the connection goes.
      return () => req.destroy();
    });
}

/** Undefined when Location is as expected, else what is wrong with it. */
function checkLocation(expected: string | RegExp | undefined, actual: string | undefined): string | undefined {
  if (expected === undefined) return undefined;
  const shown = typeof expected === 'string' ? JSON.stringify(expected) : String(expected);
  if (actual === undefined) return `expected Location ${shown}, got none`;
  // A /g or /y pattern remembers where it last matched; every probe starts afresh.
  if (typeof expected !== 'string') expected.lastIndex = 0;
  const ok = typeof expected === 'string' ? actual === expected : expected.test(actual);
  return ok ? undefined : `expected Location ${shown}, got ${JSON.stringify(actual)}`;
}

/**
 * Reads the body up to MAX_BODY_BYTES (so a healthy answer is a complete one) and reports whether
 * it contains `needle`. Calls `done` once: undefined when fine, else the problem.
 */
function readBody(res: http.IncomingMessage, needle: string | undefined, done: (problem: string | undefined) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    if (needle === undefined) return done(undefined);
    const found = Buffer.concat(chunks).toString('utf8').includes(needle);
    const scope = size >= MAX_BODY_BYTES ? ` in the first ${MAX_BODY_BYTES / 1024} KiB` : '';
    done(found ? undefined : `body does not contain ${JSON.stringify(needle)}${scope}`);
  };
  res.on('data', (chunk: Buffer) => {
    if (finished) return;
    if (needle !== undefined) chunks.push(chunk.subarray(0, MAX_BODY_BYTES - size));
    size += chunk.length;
    if (size >= MAX_BODY_BYTES) finish();
  });
  res.on('end', finish);
}

/** The URL as shown in messages: a password in it is masked. */
function safeUrl(url: URL): string {
  if (!url.password) return url.href;
  const copy = new URL(url.href);
  copy.password = SECRET_MASK;
  return copy.href;
}

/** SNI follows the Host header, without its port; TLS forbids IP addresses as server names. */
function tlsServerName(hostHeader: string | undefined): string | undefined {
  if (!hostHeader) return undefined;
  const name = hostHeader.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
  return isIP(name) ? undefined : name;
}
