/**
 * A stand-in for Grafana's two monitoring endpoints, for tests on machines without Grafana:
 * /api/health answers as Grafana 12 does, /metrics serves test/fixtures/grafana-metrics.txt
 * behind basic auth as [metrics] basic_auth_* makes Grafana do, over TLS when given a certificate
 * (as grafana.ini's protocol = https makes Grafana serve). Not Grafana: only what the collector reads.
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

export interface GrafanaStandIn {
  url: string;
  close(): Promise<void>;
}

export interface GrafanaStandInOptions {
  user: string;
  password: string;
  /** Default: a free one. */
  port?: number;
  /** What /metrics serves; default test/fixtures/grafana-metrics.txt. */
  metrics?: string;
  /** PEM certificate and key: serve https. Default: plain http. */
  tls?: { cert: string; key: string };
}

export async function startGrafanaStandIn(options: GrafanaStandInOptions): Promise<GrafanaStandIn> {
  const metrics = options.metrics ?? (await readFile(new URL('../fixtures/grafana-metrics.txt', import.meta.url), 'utf8'));
  const expected = `Basic ${Buffer.from(`${options.user}:${options.password}`).toString('base64')}`;
  const handler: http.RequestListener = (req, res) => {
    if (req.url === '/api/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{\n  "database": "ok",\n  "version": "12.4.0"\n}');
    } else if (req.url === '/metrics') {
      if (req.headers.authorization !== expected) res.writeHead(401).end('Unauthorized');
      else res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(metrics);
    } else {
      res.writeHead(404).end();
    }
  };
  const server = options.tls ? https.createServer(options.tls, handler) : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
