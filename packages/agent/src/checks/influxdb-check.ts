/**
 * InfluxDB 1.x through its v1 HTTP API: /ping proves the server answers, then an authenticated
 * write (the agents' path) or query (Grafana's path) proves the credentials and the database work.
 */
import http from 'node:http';
import https from 'node:https';
import { influxErrorText, influxStatementError } from '../influx-answer.js';
import type { Probe } from '../types.js';
import { abortable } from './abortable.js';
import { checkFailed, unreachable } from './messages.js';

export interface InfluxdbCheckOptions {
  /** Base URL, e.g. http://influxdb:8086 */
  url: string | URL;
  user: string;
  password: string;
  db: string;
  /**
   * 'write' (default) writes one point to `measurement`; 'query' runs `query` (default SHOW
   * RETENTION POLICIES, which fails for a missing database). A write-only user can only pass
   * 'write', a read-only user only 'query'.
   */
  mode?: 'write' | 'query';
  measurement?: string;
  query?: string;
  insecureTls?: boolean;
}

interface Answer {
  status: number;
  body: string;
}

export function influxdbCheck(options: InfluxdbCheckOptions): Probe {
  const base = new URL(options.url);
  const target = `influxdb ${options.user}@${base.host}/${options.db}`;
  const secrets = [options.password];
  const auth = `Basic ${Buffer.from(`${options.user}:${options.password}`).toString('base64')}`;
  const mode = options.mode ?? 'write';
  const measurement = options.measurement ?? 'agent_probe';

  const send = (signal: AbortSignal, method: string, path: string, body?: string): Promise<Answer> =>
    abortable<Answer>(signal, (resolve, reject) => {
      const url = new URL(path, base);
      const headers: Record<string, string> = { authorization: auth, 'user-agent': 'ft-agent-check' };
      if (body !== undefined) headers['content-type'] = 'text/plain; charset=utf-8';
      const opts = { method, headers, agent: false as const };
      const req = url.protocol === 'https:' ? https.request(url, { ...opts, rejectUnauthorized: !options.insecureTls }) : http.request(url, opts);
      req.on('error', (err) => reject(unreachable(`${target}: ${method} ${url.pathname}`, err, secrets)));
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (err) => reject(unreachable(target, err, secrets)));
      });
      req.end(body);
      return () => req.destroy();
    });

  return async ({ signal }) => {
    const ping = await send(signal, 'GET', '/ping');
    if (ping.status !== 204) throw checkFailed(target, `GET /ping: expected status 204, got ${ping.status}`, secrets);
    if (mode === 'write') {
      const params = new URLSearchParams({ db: options.db, precision: 'ms' });
      const line = `${measurement} up=1 ${Date.now()}`;
      const res = await send(signal, 'POST', `/write?${params}`, line);
      if (res.status !== 204) throw checkFailed(target, `write: ${res.status} ${influxErrorText(res.body)}`, secrets);
      return `ping 204, write 204`;
    }
    const params = new URLSearchParams({ db: options.db, q: options.query ?? 'SHOW RETENTION POLICIES' });
    const res = await send(signal, 'GET', `/query?${params}`);
    const error = res.status === 200 ? influxStatementError(res.body) : influxErrorText(res.body);
    if (res.status !== 200 || error) throw checkFailed(target, `query: ${res.status} ${error}`, secrets);
    return `ping 204, query 200`;
  };
}
