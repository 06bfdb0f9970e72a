// No injection through a setting (what is proven and how: @ft/testkit's injectionRefusals).
import { describe, expect, it } from 'vitest';
import { injectionRefusals } from '@ft/testkit/expect';
import { grafana } from '../src/service.js';

const ENV = {
  GRAFANA_ADMIN_USER: 'admin',
  GRAFANA_ADMIN_PASSWORD: 'admin-secret-123',
  GRAFANA_SECRET_KEY: 'a-secret-key-of-32-characters-or-more',
  GRAFANA_PORT: '3300',
  LISTEN_HOST: '0.0.0.0',
  GRAFANA_DATA_DIR: '/var/lib/grafana',
  GRAFANA_DASHBOARDS_DIR: '/opt/ft/dashboards',
  INFLUXDB_URL: 'http://influxdb.example:8086',
  INFLUXDB_DB: 'metrics',
  INFLUXDB_READ_USER: 'grafana',
  INFLUXDB_READ_PASSWORD: 'reader-secret-456',
  AGENT_RUN_DIR: '/run/ft',
  AGENT_POD_NAME: 'grafana-0',
};

describe.each(['alpine', 'debian'] as const)('grafana.ini and provisioning on %s: no injection through a setting', (platform) => {
  it('a line break plus [auth.proxy] is refused in every setting grafana.ini carries, AGENT_POD_NAME included', async () => {
    expect(await injectionRefusals(grafana, ENV, platform, ['grafana.ini'], '[auth.proxy]')).toMatchObject({
      AGENT_POD_NAME: 'grafana.ini',
      GRAFANA_ADMIN_USER: 'grafana.ini',
      GRAFANA_PORT: 'grafana.ini',
      LISTEN_HOST: 'grafana.ini',
      GRAFANA_DATA_DIR: 'grafana.ini',
      GRAFANA_DASHBOARDS_DIR: 'grafana.ini',
    });
  });

  it('and in the datasource YAML', async () => {
    const yaml = 'provisioning/datasources/influxdb.yaml';
    expect(await injectionRefusals(grafana, ENV, platform, [yaml], 'basicAuth: false')).toEqual({
      INFLUXDB_URL: yaml,
      INFLUXDB_DB: yaml,
      INFLUXDB_READ_USER: yaml,
    });
  });
});
