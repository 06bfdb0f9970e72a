/** The variables the influxdb service reads (names fixed by services/README.md and the issue). */
import { vars, type EnvConfig, type ServiceContext } from '@ft/agent';
import type { InfluxdbPlatform } from './platform.js';
import { parseRetention, retentionVar, type Retention } from './retention.js';

const DEFAULT_RETENTION = parseRetention('14d') as Retention;

// Quotes, backslashes and control characters are refused: the path is written into influxd's TOML.

export const influxdbEnv = {
  /** The volume: meta/, data/ and wal/ live below it. */
  INFLUXDB_DATA_DIR: vars.dataDir().default('/var/lib/influxdb'),
  LISTEN_HOST: vars.hostname().default('0.0.0.0'),
  INFLUXDB_PORT: vars.port().default(8086),
  /**
   * influxd's backup/restore (RPC) listener, bound to 127.0.0.1 only. A loopback helper port, so it
   * takes the shared STATUS_PORT name; influxd cannot turn the listener off.
   */
  STATUS_PORT: vars.port().default(8088),
  INFLUXDB_DB: vars.identifier().default('metrics'),
  INFLUXDB_RETENTION: retentionVar().default(DEFAULT_RETENTION),
  INFLUXDB_ADMIN_USER: vars.identifier().default('admin'),
  INFLUXDB_ADMIN_PASSWORD: vars.password(8),
  /** The agents' user: WRITE on INFLUXDB_DB only. */
  INFLUXDB_WRITE_USER: vars.identifier().default('agent'),
  INFLUXDB_WRITE_PASSWORD: vars.password(8),
  /** Grafana's user: READ on INFLUXDB_DB only. */
  INFLUXDB_READ_USER: vars.identifier().default('grafana'),
  INFLUXDB_READ_PASSWORD: vars.password(8),
};

export type InfluxdbConfig = EnvConfig<typeof influxdbEnv>;
/** The context every part of the influxdb service receives. */
export type InfluxdbContext = ServiceContext<InfluxdbConfig, InfluxdbPlatform>;
