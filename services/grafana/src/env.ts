/** The grafana service's environment (README.md, Environment). */
import { vars, type EnvConfig, type ServiceContext } from '@ft/agent';
import type { GrafanaPlatform } from './platform.js';

export const grafanaEnv = {
  GRAFANA_ADMIN_USER: vars.identifier().default('admin'),
  GRAFANA_ADMIN_PASSWORD: vars.password(8),
  /** [security] secret_key: encrypts the datasource secrets in Grafana's database; one per deployment. */
  GRAFANA_SECRET_KEY: vars.password(32),
  GRAFANA_PORT: vars.port().default(3000),
  LISTEN_HOST: vars.hostname().default('0.0.0.0'),
  GRAFANA_DATA_DIR: vars.dataDir().default('/var/lib/grafana'),
  /** The generated dashboards; default: beside the agent bundle. */
  GRAFANA_DASHBOARDS_DIR: vars.absolutePath().optional(),
  INFLUXDB_URL: vars.url().default('http://influxdb:8086'),
  INFLUXDB_DB: vars.identifier().default('metrics'),
  INFLUXDB_READ_USER: vars.identifier().default('grafana'),
  INFLUXDB_READ_PASSWORD: vars.password(8),
  /** PEM text (or TLS_CERT_FILE / TLS_KEY_FILE); both unset: a self-signed certificate is made at start. */
  TLS_CERT: vars.pemCertificate().optional(),
  TLS_KEY: vars.pemKey().optional(),
};

export type GrafanaConfig = EnvConfig<typeof grafanaEnv>;
/** The context every part of the grafana service receives. */
export type GrafanaContext = ServiceContext<GrafanaConfig, GrafanaPlatform>;
