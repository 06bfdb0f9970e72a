/**
 * No injection through a setting: each setting this service renders is given a line break and a
 * directive of the config's own format, once through the environment (the validators refuse it,
 * exit 78 naming it) and once past the validators (the renderer refuses it, naming the template and
 * the setting). Run against the service's real templates, one config format at a time.
 */
import { describe, expect, it } from 'vitest';
import { type EnvShape, type PlatformData, type ServiceDefinition } from '@ft/agent';
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
const SECRETS = ['GRAFANA_ADMIN_PASSWORD', 'GRAFANA_SECRET_KEY', 'INFLUXDB_READ_PASSWORD'];
const def = grafana as unknown as ServiceDefinition<EnvShape, PlatformData>;

describe.each(['alpine', 'debian'] as const)('grafana.ini and provisioning on %s: no injection through a setting', (platform) => {
  it('a line break plus [auth.proxy] is refused in every setting grafana.ini carries, AGENT_POD_NAME included', async () => {
    expect(await injectionRefusals(def, ENV, platform, ['grafana.ini'], '[auth.proxy]', SECRETS)).toMatchObject({
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
    expect(await injectionRefusals(def, ENV, platform, [yaml], 'basicAuth: false', SECRETS)).toEqual({
      INFLUXDB_URL: yaml,
      INFLUXDB_DB: yaml,
      INFLUXDB_READ_USER: yaml,
    });
  });
});
