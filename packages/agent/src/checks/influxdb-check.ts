/**
 * InfluxDB 1.x through the agent's InfluxDB client: /ping proves the server answers, then an
 * authenticated write (the agents' path) or query (Grafana's path) proves the credentials and the
 * database work.
 */
import { InfluxError } from '../errors.js';
import { InfluxClient } from '../influx/index.js';
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

export function influxdbCheck(options: InfluxdbCheckOptions): Probe {
  const base = new URL(options.url);
  const target = `influxdb ${options.user}@${base.host}/${options.db}`;
  const secrets = [options.password];
  const mode = options.mode ?? 'write';
  const measurement = options.measurement ?? 'agent_probe';

  return ({ signal }) =>
    abortable<string>(signal, (resolve, reject) => {
      // A client per run, without keep-alive: a check every few seconds must not hold a socket.
      const client = new InfluxClient({
        url: base,
        user: options.user,
        password: options.password,
        keepAlive: false,
        ...(options.insecureTls ? { insecureTls: true } : {}),
      });
      const abort = new AbortController();
      const step = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
        try {
          return await run();
        } catch (err) {
          // An answer (any status) is the target's verdict; no answer means it could not be asked.
          if (err instanceof InfluxError && err.status !== undefined) throw checkFailed(target, `${what}: ${stripPrefix(err.message)}`, secrets);
          throw unreachable(`${target}: ${what}`, err instanceof InfluxError && err.cause instanceof Error ? err.cause : err, secrets);
        }
      };
      const run = async (): Promise<string> => {
        await step('GET /ping', () => client.ping(abort.signal));
        if (mode === 'write') {
          await step('write', () => client.write(`${measurement} up=1 ${Date.now()}`, { db: options.db, signal: abort.signal }));
          return 'ping 204, write 204';
        }
        await step('query', () => client.query(options.query ?? 'SHOW RETENTION POLICIES', { db: options.db, signal: abort.signal }));
        return 'ping 204, query 200';
      };
      run().then(resolve, reject);
      return () => {
        abort.abort();
        client.close();
      };
    });
}

/** "InfluxQL SHOW RETENTION: 401 authorization failed" -> "401 authorization failed": the step already says what ran. */
function stripPrefix(message: string): string {
  const colon = message.indexOf(': ');
  return colon < 0 ? message : message.slice(colon + 2);
}
