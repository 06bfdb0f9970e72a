/**
 * What the agent renders for Grafana, read back as Grafana 12 reads it: grafana.ini, the InfluxDB
 * datasource and the dashboard provider (apiVersion 1), on both platforms, and the dashboards the
 * provider points at.
 */
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { renderServiceTemplates, type RenderedFile } from '@ft/agent';
import {
  DATASOURCE_TYPE,
  DATASOURCE_UID,
  dashboardProblems,
  expandProvisioningEnv,
  parseDashboardProvidersFile,
  parseDatasourcesFile,
} from '@ft/dashboards';
import { describe, expect, it } from 'vitest';
import { grafana } from '../src/main.js';
import { bundledDashboardsDir } from '../src/paths.js';
import { parseIni } from './support/ini.js';

const SECRETS = { GRAFANA_ADMIN_PASSWORD: 'admin-secret-123', INFLUXDB_READ_PASSWORD: 'reader-$ecret-456' };
const ENV = {
  ...SECRETS,
  AGENT_RUN_DIR: '/run/ft',
  GRAFANA_PORT: '3300',
  INFLUXDB_URL: 'http://influxdb.example:8086',
  INFLUXDB_DB: 'metrics',
  INFLUXDB_READ_USER: 'grafana',
};

function file(files: RenderedFile[], suffix: string): string {
  const f = files.find((x) => x.spec.target.endsWith(suffix));
  if (!f) throw new Error(`nothing rendered to *${suffix}: ${files.map((x) => x.spec.target).join(', ')}`);
  return f.content;
}

/** The environment the definition gives the grafana process (where provisioning looks up $NAMES). */
function grafanaProcessEnv(): Record<string, string> {
  const spec = grafana.processes({
    service: 'grafana',
    config: { ...ENV, GRAFANA_ADMIN_USER: 'admin', GRAFANA_PORT: 3300, LISTEN_HOST: '0.0.0.0', GRAFANA_DATA_DIR: '/var/lib/grafana', GRAFANA_DASHBOARDS_DIR: undefined },
    agent: { AGENT_RUN_DIR: '/run/ft' },
    platform: { ...grafana.platforms.alpine, name: 'alpine' },
  } as unknown as Parameters<typeof grafana.processes>[0])[0];
  return { ...spec?.env };
}

describe.each(['alpine', 'debian'] as const)('rendered Grafana configuration (%s)', (platform) => {
  it('grafana.ini: port, listen address, paths on the volume, provisioning under the run dir, no anonymous access, no sign-up', async () => {
    const files = await renderServiceTemplates(grafana, ENV, platform);
    const ini = parseIni(file(files, '/grafana/grafana.ini'));
    expect(ini['server']).toMatchObject({ http_port: '3300', http_addr: '0.0.0.0', protocol: 'http' });
    expect(ini['paths']).toEqual({
      data: '/var/lib/grafana/data',
      logs: '/var/lib/grafana/logs',
      plugins: '/var/lib/grafana/plugins',
      provisioning: '/run/ft/grafana/provisioning',
    });
    expect(ini['auth.anonymous']?.['enabled']).toBe('false');
    expect(ini['users']?.['allow_sign_up']).toBe('false');
    expect(ini['security']?.['admin_user']).toBe('admin');
    expect(ini['metrics']?.['enabled']).toBe('true');
    expect(ini['dashboards']?.['default_home_dashboard_path']).toBe(path.join(bundledDashboardsDir(), 'ft-overview.json'));
  });

  it('the InfluxDB datasource: InfluxQL, fixed uid the dashboards use, read-only user, password from Grafana\'s environment', async () => {
    const files = await renderServiceTemplates(grafana, ENV, platform);
    const ds = parseDatasourcesFile(file(files, '/provisioning/datasources/influxdb.yaml'));
    expect(ds.datasources).toHaveLength(1);
    const [influx] = ds.datasources;
    expect(influx).toMatchObject({ type: DATASOURCE_TYPE, uid: DATASOURCE_UID, access: 'proxy', url: 'http://influxdb.example:8086', user: 'grafana' });
    expect(influx?.jsonData).toMatchObject({ dbName: 'metrics' });
    // InfluxQL is the datasource's default language; Flux/SQL would have to be asked for.
    expect(influx?.jsonData?.['version'] ?? 'InfluxQL').toBe('InfluxQL');
    const password = influx?.secureJsonData?.['password'] ?? '';
    expect(expandProvisioningEnv(password, grafanaProcessEnv())).toBe(SECRETS.INFLUXDB_READ_PASSWORD);
  });

  it('the dashboard provider points at the generated dashboards', async () => {
    const files = await renderServiceTemplates(grafana, ENV, platform);
    const providers = parseDashboardProvidersFile(file(files, '/provisioning/dashboards/ft-services.yaml'));
    expect(providers.providers).toHaveLength(1);
    expect(providers.providers[0]?.options.path).toBe(bundledDashboardsDir());
    const dir = await renderServiceTemplates(grafana, { ...ENV, GRAFANA_DASHBOARDS_DIR: '/dashboards' }, platform);
    expect(parseDashboardProvidersFile(file(dir, 'ft-services.yaml')).providers[0]?.options.path).toBe('/dashboards');
  });

  it('no rendered file holds a secret', async () => {
    for (const f of await renderServiceTemplates(grafana, ENV, platform)) {
      for (const s of Object.values(SECRETS)) expect(f.content, f.spec.target).not.toContain(s);
    }
  });
});

describe('the dashboards the image carries (dist/dashboards, copied from packages/dashboards by the build)', () => {
  const dir = path.resolve(__dirname, '../dist/dashboards');

  it('are the eight generated dashboards, each valid for Grafana 12 and bound to the provisioned datasource', async () => {
    expect(existsSync(dir)).toBe(true);
    const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
    expect(files).toHaveLength(8);
    for (const f of files) {
      const json = JSON.parse(await readFile(path.join(dir, f), 'utf8')) as { uid: string };
      expect(`${json.uid}.json`).toBe(f);
      expect(dashboardProblems(json), f).toEqual([]);
    }
  });

});
