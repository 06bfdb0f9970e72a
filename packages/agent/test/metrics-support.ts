/** Shared by the metrics tests only: a logger whose lines can be inspected, a primed InfluxDB. */
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import pino, { type Logger } from 'pino';
import { startInfluxdb, type InfluxdbServer } from '@ft/testkit';

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface CapturedLog {
  log: Logger;
  lines: LogLine[];
  /** Every line as written, to check what never appears (a password). */
  raw: string[];
  warnings(): LogLine[];
}

export function captureLog(): CapturedLog {
  const lines: LogLine[] = [];
  const raw: string[] = [];
  const log = pino(
    { level: 'debug' },
    {
      write(chunk: string) {
        raw.push(chunk);
        lines.push(JSON.parse(chunk) as LogLine);
      },
    },
  );
  return { log, lines, raw, warnings: () => lines.filter((l) => l.level === 40) };
}

export interface MetricsInflux {
  influx: InfluxdbServer;
  db: string;
  writer: { user: string; password: string };
}

/** InfluxDB with auth on, a database, and a WRITE-only user, as in the cluster. */
export async function startMetricsInflux(db = 'metrics'): Promise<MetricsInflux> {
  const influx = await startInfluxdb();
  await influx.createDatabase(db);
  const writer = { user: 'agent', password: 'agent-secret-pw' };
  await influx.createUser(writer.user, writer.password, db, 'WRITE');
  return { influx, db, writer };
}

/** Where an InfluxWriter under test sends: the database, as its write-only user. */
export function writerTarget(m: MetricsInflux): { url: string; db: string; user: string; password: string } {
  return { url: m.influx.url, db: m.db, user: m.writer.user, password: m.writer.password };
}

/** SELECT count(field) FROM measurement as a number (0 when the measurement has no points). */
export async function countPoints(influx: InfluxdbServer, db: string, measurement: string, field = 'v'): Promise<number> {
  const rows = await influx.rows(`SELECT count("${field}") FROM "${measurement}"`, db);
  return Number(rows[0]?.[1] ?? 0);
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** The body after gunzip when it was gzip'd. */
  body: string;
}

export interface FakeServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A tiny HTTP server standing in for InfluxDB where the real one cannot misbehave on demand.
 * `answer` returns [status, body], or undefined to never answer at all.
 */
export async function startFakeServer(answer: (req: RecordedRequest) => [number, string] | undefined): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
      const rec = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      requests.push(rec);
      const a = answer(rec);
      if (!a) return; // hang: the client must give up on its own
      res.writeHead(a[0], { 'content-type': 'application/json' });
      res.end(a[1]);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
