/** The variables the influxdb service reads (names fixed by services/README.md and the issue). */
import { vars, type EnvConfig, type ServiceContext } from '@ft/agent';
import type { InfluxdbPlatform } from './platform.js';
import { parseRetention, retentionVar, type Retention } from './retention.js';

const DEFAULT_RETENTION = parseRetention('14d') as Retention;

// Quotes, backslashes and control characters are refused: the path is written into influxd's TOML.

export const influxdbEnv = {
  /** the volume; `meta/`, `data/`, `wal/` below it; absolute, no quotes or backslashes */
  INFLUXDB_DATA_DIR: vars.dataDir().default('/var/lib/influxdb'),
  /** HTTP bind address */
  LISTEN_HOST: vars.hostname().default('0.0.0.0'),
  /** HTTP port */
  INFLUXDB_PORT: vars.port().default(8086),
  // influxd's backup/restore (RPC) listener, bound to 127.0.0.1 only. A loopback helper port, so it takes the shared
  // STATUS_PORT name; influxd cannot turn the listener off.
  /** RPC port (loopback) */
  STATUS_PORT: vars.port().default(8088),
  /** the metrics database */
  INFLUXDB_DB: vars.identifier().default('metrics'),
  /**
   * its default policy (`autogen`): `<n>m/h/d/w` of at least 1h, or `INF`
   * @default 14d
   */
  INFLUXDB_RETENTION: retentionVar().default(DEFAULT_RETENTION),
  /** all privileges */
  INFLUXDB_ADMIN_USER: vars.identifier().default('admin'),
  /** its password (>= 8 characters) */
  INFLUXDB_ADMIN_PASSWORD: vars.password(8),
  /** WRITE on `INFLUXDB_DB` only (the agents) */
  INFLUXDB_WRITE_USER: vars.identifier().default('agent'),
  /** its password (>= 8 characters) */
  INFLUXDB_WRITE_PASSWORD: vars.password(8),
  /** READ on `INFLUXDB_DB` only (Grafana) */
  INFLUXDB_READ_USER: vars.identifier().default('grafana'),
  /** its password (>= 8 characters) */
  INFLUXDB_READ_PASSWORD: vars.password(8),
};

export type InfluxdbConfig = EnvConfig<typeof influxdbEnv>;
/** The context every part of the influxdb service receives. */
export type InfluxdbContext = ServiceContext<InfluxdbConfig, InfluxdbPlatform>;
