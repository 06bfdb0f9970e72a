/**
 * The grafana collector against an HTTP server that serves Grafana's endpoints from a fixture
 * (test/fixtures/grafana-metrics.txt, written from Grafana's metric names: no Grafana runs here).
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from '@ft/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grafanaCollector } from '../src/grafana-collector.js';
import { startGrafanaStandIn, type GrafanaStandIn } from './support/grafana-stand-in.js';

describe('grafana collector', () => {
  let server: GrafanaStandIn;
  beforeAll(async () => {
    server = await startGrafanaStandIn({ user: 'admin', password: 'metrics-secret' });
  });
  afterAll(async () => {
    await server?.close();
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
