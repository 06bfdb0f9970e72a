/**
 * No injection through a setting: each setting this service renders is given a line break and a
 * directive of the config's own format, once through the environment (the validators refuse it,
 * exit 78 naming it) and once past the validators (the renderer refuses it, naming the template and
 * the setting). Run against the service's real templates, one config format at a time.
 */
import { describe, expect, it } from 'vitest';
import { probeInjection, type EnvShape, type PlatformData, type ServiceDefinition } from '@ft/agent';
import { influxdb } from '../src/service.js';

/** Asserts that nothing got through, and returns setting -> the template whose renderer refused it. */
async function refusals(
  def: ServiceDefinition<EnvShape, PlatformData>,
  env: Record<string, string>,
  platform: 'alpine' | 'debian',
  templates: string[],
  directive: string,
  secrets: readonly string[] = [],
): Promise<Record<string, string>> {
  const outcomes = await probeInjection(def, env, platform, { directive, templates });
  expect(outcomes.map((o) => o.setting).sort()).toEqual([...new Set(['AGENT_RUN_DIR', 'AGENT_POD_NAME', ...Object.keys(env)])].sort());
  for (const o of outcomes) {
    expect(o.injectedInto, `${o.setting} injected into`).toEqual([]);
    if (!secrets.includes(o.setting)) expect(o.refusedBySetting, `${o.setting} refused by its validator`).toBe(true);
  }
  return Object.fromEntries(outcomes.flatMap((o) => (o.refusedByRenderer ? [[o.setting, o.refusedByRenderer.template]] : [])));
}

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
    expect(await refusals(def, ENV, platform, ['influxdb.conf'], 'auth-enabled = false', SECRETS)).toEqual({
      INFLUXDB_DATA_DIR: 'influxdb.conf',
      LISTEN_HOST: 'influxdb.conf',
      INFLUXDB_PORT: 'influxdb.conf',
      STATUS_PORT: 'influxdb.conf',
    });
  });
});
