// No injection through a setting (what is proven and how: @ft/testkit's injectionRefusals).
import { describe, expect, it } from 'vitest';
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

describe.each(['alpine', 'debian'] as const)('influxdb.conf on %s: no injection through a setting', (platform) => {
  it('a line break plus auth-enabled = false is refused in every setting influxdb.conf carries', async () => {
    expect(await injectionRefusals(influxdb, ENV, platform, ['influxdb.conf'], 'auth-enabled = false')).toEqual({
      INFLUXDB_DATA_DIR: 'influxdb.conf',
      LISTEN_HOST: 'influxdb.conf',
      INFLUXDB_PORT: 'influxdb.conf',
      STATUS_PORT: 'influxdb.conf',
    });
  });
});
