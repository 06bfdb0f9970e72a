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
  expandGrafanaVars,
  expandProvisioningValue,
  parseDashboardProvidersFile,
  parseDatasourcesFile,
} from '@ft/dashboards';
import { describe, expect, it } from 'vitest';
import { grafana } from '../src/service.js';
import { bundledDashboardsDir } from '../src/paths.js';
import { parseIni } from './support/ini.js';

// Each holds what Grafana's expanders would rewrite: a $NAME, ${NAME}, $__env{} and $__file{}.
const SECRETS = {
  GRAFANA_ADMIN_PASSWORD: 'Adm1n$HOME-${HOME}-$__env{HOME}-$__file{/etc/hostname}-$$',
  GRAFANA_SECRET_KEY: 'k3y$PATH-${PATH}-0123456789abcdefghijklmnop',
  INFLUXDB_READ_PASSWORD: 'Pa$sw0rd-${HOME}-$$-$__env{HOME}',
};
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

/** The environment the supervisor gives the grafana process (where Grafana looks up $NAMES): PATH, HOME and the definition's. */
function grafanaProcessEnv(): Record<string, string> {
  const spec = grafana.processes({
    service: 'grafana',
    config: {
      ...ENV,
      GRAFANA_ADMIN_USER: 'admin',
      GRAFANA_PORT: 3300,
      LISTEN_HOST: '0.0.0.0',
      GRAFANA_DATA_DIR: '/var/lib/grafana',
      GRAFANA_DASHBOARDS_DIR: undefined,
    },
    agent: { AGENT_RUN_DIR: '/run/ft' },
    platform: { ...grafana.platforms.alpine, name: 'alpine' },
  } as unknown as Parameters<typeof grafana.processes>[0])[0];
  return { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/var/lib/grafana', ...spec?.env };
}

/** Grafana's view of the files: what the agent rendered, by path ($__file{} reads them). */
function fileReader(files: RenderedFile[]): (p: string) => string {
  return (p) => {
    const f = files.find((x) => x.spec.target === p);
    if (!f) throw new Error(`Grafana would read ${p}, which the agent does not write`);
    return f.content;
  };
}

/** A grafana.ini value as Grafana 12 ends up with it (its expanders run on every key, once). */
function iniValue(files: RenderedFile[], section: string, key: string): string {
  const raw = parseIni(file(files, '/grafana/grafana.ini'))[section]?.[key];
  if (raw === undefined) throw new Error(`grafana.ini has no [${section}] ${key}`);
  return expandGrafanaVars(raw, { env: grafanaProcessEnv(), readFile: fileReader(files) });
}

describe.each(['alpine', 'debian'] as const)('rendered Grafana configuration (%s)', (platform) => {
  it('grafana.ini: port, listen address, paths on the volume, provisioning under the run dir, no anonymous access, no sign-up', async () => {
    const files = await renderServiceTemplates(grafana, ENV, platform);
    const ini = parseIni(file(files, '/grafana/grafana.ini'));
    expect(ini['server']).toMatchObject({
      http_port: '3300',
      http_addr: '0.0.0.0',
      protocol: 'https',
      cert_file: '/run/ft/grafana/tls/grafana.crt',
      cert_key: '/run/ft/grafana/tls/grafana.key',
    });
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

  it("grafana.ini: the admin password, the /metrics credentials and secret_key read back exactly as given, through Grafana's expanders", async () => {
    const files = await renderServiceTemplates(grafana, ENV, platform);
    expect(iniValue(files, 'security', 'admin_password')).toBe(SECRETS.GRAFANA_ADMIN_PASSWORD);
    expect(iniValue(files, 'metrics', 'basic_auth_username')).toBe('admin');
    expect(iniValue(files, 'metrics', 'basic_auth_password')).toBe(SECRETS.GRAFANA_ADMIN_PASSWORD);
    // Not Grafana's built-in default (defaults.ini), which every Grafana shares.
    expect(iniValue(files, 'security', 'secret_key')).toBe(SECRETS.GRAFANA_SECRET_KEY);
    expect(iniValue(files, 'security', 'secret_key')).not.toBe('SW2YcwTIb9zpOOhoPsMm');
    // Nothing in Grafana's environment could override them (GF_<SECTION>_<KEY>).
    expect(Object.keys(grafanaProcessEnv()).filter((k) => k.startsWith('GF_'))).toEqual([]);
  });

  it("grafana.ini: Grafana's own totals are counted every minute, not every 30 minutes", async () => {
    const ini = parseIni(file(await renderServiceTemplates(grafana, ENV, platform), '/grafana/grafana.ini'));
    const interval = Number(ini['metrics']?.['total_stats_collector_interval_seconds']);
    expect(interval).toBeGreaterThanOrEqual(10);
    expect(interval).toBeLessThanOrEqual(120);
  });

  it("the InfluxDB datasource: InfluxQL, fixed uid the dashboards use, read-only user, password from Grafana's environment", async () => {
    const files = await renderServiceTemplates(grafana, ENV, platform);
    const ds = parseDatasourcesFile(file(files, '/provisioning/datasources/influxdb.yaml'));
    expect(ds.datasources).toHaveLength(1);
    const [influx] = ds.datasources;
    expect(influx).toMatchObject({ type: DATASOURCE_TYPE, uid: DATASOURCE_UID, access: 'proxy', url: 'http://influxdb.example:8086', user: 'grafana' });
    expect(influx?.jsonData).toMatchObject({ dbName: 'metrics' });
    // InfluxQL is the datasource's default language; Flux/SQL would have to be asked for.
    expect(influx?.jsonData?.['version'] ?? 'InfluxQL').toBe('InfluxQL');
    // Read as Grafana reads a provisioning value: split on $$, then expanded twice.
    const password = influx?.secureJsonData?.['password'] ?? '';
    expect(expandProvisioningValue(password, { env: grafanaProcessEnv(), readFile: fileReader(files) })).toBe(SECRETS.INFLUXDB_READ_PASSWORD);
  });

  it('the dashboard provider points at the generated dashboards', async () => {
    const files = await renderServiceTemplates(grafana, ENV, platform);
    const providers = parseDashboardProvidersFile(file(files, '/provisioning/dashboards/ft-services.yaml'));
    expect(providers.providers).toHaveLength(1);
    expect(providers.providers[0]?.options.path).toBe(bundledDashboardsDir());
    const dir = await renderServiceTemplates(grafana, { ...ENV, GRAFANA_DASHBOARDS_DIR: '/dashboards' }, platform);
    expect(parseDashboardProvidersFile(file(dir, 'ft-services.yaml')).providers[0]?.options.path).toBe('/dashboards');
  });

  it("only files of the grafana user's, mode 600, hold a secret", async () => {
    const holders: string[] = [];
    for (const f of await renderServiceTemplates(grafana, ENV, platform)) {
      const escaped = Object.values(SECRETS).flatMap((s) => [s, s.replaceAll('$', '$$$$')]);
      if (!escaped.some((s) => f.content.includes(s))) continue;
      holders.push(path.basename(f.spec.target));
      expect(f.spec, f.spec.target).toMatchObject({ mode: 0o600, owner: 'grafana' });
    }
    expect(holders.sort()).toEqual(['admin-password', 'influxdb.yaml', 'secret-key']);
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
