/**
 * The grafana service's checks, shared by service.ts and the test stand-in
 * (test/fixtures/grafana-stand-in), so both watch Grafana the same way.
 */
import { hostPort, httpCheck, influxdbCheck, probeHost, type CheckSpec } from '@ft/agent';
import type { GrafanaConfig } from './env.js';

/**
 * Where the agent itself reaches Grafana: loopback unless Grafana listens on one address only.
 * Over TLS, as every client: the certificate names the public address, so it is not checked here.
 */
export function grafanaLocalUrl(config: Pick<GrafanaConfig, 'LISTEN_HOST' | 'GRAFANA_PORT'>): string {
  return `https://${hostPort(probeHost(config.LISTEN_HOST), config.GRAFANA_PORT)}`;
}

export function grafanaHealthCheck(config: GrafanaConfig): CheckSpec['probe'] {
  return httpCheck({ url: `${grafanaLocalUrl(config)}/api/health`, insecureTls: true, bodyContains: '"database"' });
}

export function grafanaChecks(config: GrafanaConfig): CheckSpec[] {
  return [
    { name: 'grafana-http', probe: grafanaHealthCheck(config) },
    {
      // The datasource's own path: the read-only user querying the metrics database. Readiness
      // only: an InfluxDB outage must not restart Grafana.
      name: 'influxdb-datasource',
      scope: 'readiness',
      intervalMs: 30_000,
      probe: influxdbCheck({
        url: config.INFLUXDB_URL,
        user: config.INFLUXDB_READ_USER,
        password: config.INFLUXDB_READ_PASSWORD,
        db: config.INFLUXDB_DB,
        mode: 'query',
      }),
    },
  ];
}
