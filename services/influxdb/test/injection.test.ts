/**
 * No injection through a setting: each setting this service renders is given a line break and a
 * directive of the config's own format, once through the environment (the validators refuse it,
 * exit 78 naming it) and once past the validators (the renderer refuses it, naming the template and
 * the setting). Run against the service's real templates, one config format at a time.
 */
import { describe, expect, it } from 'vitest';
import { type EnvShape, type PlatformData, type ServiceDefinition } from '@ft/agent';
import { injectionRefusals } from '@ft/testkit/expect';
import { influxdb } from '../src/service.js';

const ENV = {
  INFLUXDB_DATA_DIR: '/var/lib/influxdb',
  LISTEN_HOST: '0.0.0.0',
  INFLUXDB_PORT: '8086',
  STATUS_PORT: '8088',
  INFLUXDB_DB: 'metrics',
  INFLUXDB_ADMIN_USER: 'admin',
  INFLUXDB_ADMIN_PASSWORD: 'admin-secret',
  INFLUXDB_WRITE_USER: 'agent',
  INFLUXDB_WRITE_PASSWORD: 'write-secret',
  INFLUXDB_READ_USER: 'grafana',
  INFLUXDB_READ_PASSWORD: 'read-secret',
  AGENT_RUN_DIR: '/run/ft',
  AGENT_POD_NAME: 'influxdb-0',
};
const SECRETS = ['INFLUXDB_ADMIN_PASSWORD', 'INFLUXDB_WRITE_PASSWORD', 'INFLUXDB_READ_PASSWORD'];
const def = influxdb as unknown as ServiceDefinition<EnvShape, PlatformData>;

describe.each(['alpine', 'debian'] as const)('influxdb.conf on %s: no injection through a setting', (platform) => {
  it('a line break plus auth-enabled = false is refused in every setting influxdb.conf carries', async () => {
    expect(await injectionRefusals(def, ENV, platform, ['influxdb.conf'], 'auth-enabled = false', SECRETS)).toEqual({
      INFLUXDB_DATA_DIR: 'influxdb.conf',
      LISTEN_HOST: 'influxdb.conf',
      INFLUXDB_PORT: 'influxdb.conf',
      STATUS_PORT: 'influxdb.conf',
    });
  });
});
