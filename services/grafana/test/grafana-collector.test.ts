/**
 * The grafana collector against an HTTP server that serves Grafana's endpoints from a fixture
 * (test/fixtures/grafana-metrics.txt, written from Grafana's metric names: no Grafana runs here).
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort, makeSelfSignedCert, makeTempDir, removeDir } from '@ft/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GrafanaConfig } from '../src/env.js';
import { grafanaCollector } from '../src/collectors.js';
import { grafanaChecks, grafanaLocalUrl } from '../src/checks.js';
import { startGrafanaStandIn, type GrafanaStandIn } from './support/grafana-stand-in.js';

describe('grafana collector', () => {
  let server: GrafanaStandIn;
  let certDir: string;
  beforeAll(async () => {
    // Over TLS with a self-signed certificate, as grafana.ini makes Grafana serve.
    certDir = await makeTempDir('grafana-collector-tls');
    const cert = await makeSelfSignedCert(certDir, 'grafana');
    server = await startGrafanaStandIn({
      user: 'admin',
      password: 'metrics-secret',
      tls: { cert: await readFile(cert.certFile, 'utf8'), key: await readFile(cert.keyFile, 'utf8') },
    });
  });
  afterAll(async () => {
    await server?.close();
    await removeDir(certDir);
  });

  it("the agent's health check and collector reach Grafana over https (its own certificate is not checked)", async () => {
    const port = Number(new URL(server.url).port);
    expect(grafanaLocalUrl({ LISTEN_HOST: '0.0.0.0', GRAFANA_PORT: port })).toBe(`https://127.0.0.1:${port}`);
    const config = { LISTEN_HOST: '127.0.0.1', GRAFANA_PORT: port, INFLUXDB_URL: 'http://127.0.0.1:1' } as GrafanaConfig;
    const health = grafanaChecks(config).find((c) => c.name === 'grafana-http');
    await expect(health?.probe({ signal: AbortSignal.timeout(5_000) })).resolves.toBe('200');
  });

  it('reads health and the chosen figures from /metrics with basic auth', async () => {
    const [point] = await grafanaCollector({ url: server.url, metricsUser: 'admin', metricsPassword: 'metrics-secret' }).collect();
    expect(point?.measurement).toBe('grafana');
    expect(point?.fields).toEqual({
      up: 1,
      http_requests: 167,
      http_errors: 3,
      http_in_flight: 1,
      active_users: 1,
      users: 1,
      dashboards: 8,
      datasources: 1,
    });
  });

  it('wrong /metrics credentials fail the round loudly', async () => {
    await expect(grafanaCollector({ url: server.url, metricsUser: 'admin', metricsPassword: 'wrong' }).collect()).rejects.toThrow(/401/);
  });

  it('a Grafana that does not answer is written as up=0, not left out', async () => {
    const port = await freePort();
    const [point] = await grafanaCollector({ url: `http://127.0.0.1:${port}`, metricsUser: 'a', metricsPassword: 'b', timeoutMs: 500 }).collect();
    expect(point?.fields).toEqual({ up: 0 });
  });

  it('a Grafana whose database is failing is up=0', async () => {
    const failing = http.createServer((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"database":"failing"}');
    });
    await new Promise<void>((r) => failing.listen(0, '127.0.0.1', r));
    try {
      const { port } = failing.address() as AddressInfo;
      const [point] = await grafanaCollector({ url: `http://127.0.0.1:${port}`, metricsUser: 'a', metricsPassword: 'b' }).collect();
      expect(point?.fields['up']).toBe(0);
    } finally {
      failing.close();
    }
  });

  it('the fixture is the one the stand-in serves', async () => {
    expect(await readFile(new URL('./fixtures/grafana-metrics.txt', import.meta.url), 'utf8')).toContain('grafana_stat_totals_dashboard 8');
  });
});
