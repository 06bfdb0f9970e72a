/** The grafana service's environment (README.md, Environment). */
import { vars, type EnvConfig, type ServiceContext } from '@ft/agent';
import type { GrafanaPlatform } from './platform.js';

export const grafanaEnv = {
  /** the admin login (created at the first start only) and the user for `/metrics` basic auth */
  GRAFANA_ADMIN_USER: vars.identifier().default('admin'),
  /** that account's password (>= 8 characters; first start only, see below) and the password for `/metrics` */
  GRAFANA_ADMIN_PASSWORD: vars.password(8),
  /**
   * `[security] secret_key` (>= 32 characters), which encrypts the datasource secrets in Grafana's database;
   * generated per deployment (never Grafana's well-known default)
   */
  GRAFANA_SECRET_KEY: vars.password(32),
  /** `[server] http_port` */
  GRAFANA_PORT: vars.port().default(3000),
  /** `[server] http_addr` */
  LISTEN_HOST: vars.hostname().default('0.0.0.0'),
  /** the volume (absolute path): `data/`, `logs/` and `plugins/` go in it */
  GRAFANA_DATA_DIR: vars.dataDir().default('/var/lib/grafana'),
  /**
   * the dashboard JSON files (absolute path); default `dashboards/` beside the agent bundle (`/dashboards` in the
   * image)
   */
  GRAFANA_DASHBOARDS_DIR: vars.absolutePath().optional(),
  /** the datasource's URL */
  INFLUXDB_URL: vars.url().default('http://influxdb:8086'),
  /** its database */
  INFLUXDB_DB: vars.identifier().default('metrics'),
  /** its (READ) user */
  INFLUXDB_READ_USER: vars.identifier().default('grafana'),
  /** that user's password (>= 8 characters) */
  INFLUXDB_READ_PASSWORD: vars.password(8),
  /**
   * PEM certificate for `[server] cert_file` (the cluster's `ft-tls`); with `TLS_KEY` unset too, a self-signed one
   * (CN `grafana`)
   */
  TLS_CERT: vars.pemCertificate().optional(),
  /** its PEM private key (`[server] cert_key`) */
  TLS_KEY: vars.pemKey().optional(),
};

export type GrafanaConfig = EnvConfig<typeof grafanaEnv>;
/** The context every part of the grafana service receives. */
export type GrafanaContext = ServiceContext<GrafanaConfig, GrafanaPlatform>;
