/** Bad environment: the real bundle exits 78 naming the variable, before it looks for grafana-server. */
import path from 'node:path';
import { agentTestEnv, startAgentProcess, type AgentProcess } from '@ft/testkit';
import { expectConfigExit } from '@ft/testkit/expect';
import { afterEach, describe, expect, it } from 'vitest';

const BUNDLE = path.resolve(__dirname, '../dist/agent.js');
const GOOD = {
  GRAFANA_ADMIN_PASSWORD: 'admin-password-1',
  GRAFANA_SECRET_KEY: 'secret-key-0123456789-0123456789-01',
  INFLUXDB_READ_PASSWORD: 'reader-password-1',
};

describe('grafana agent with a bad environment', () => {
  const started: AgentProcess[] = [];
  afterEach(async () => {
    for (const a of started.splice(0)) await a.stop();
  });

  async function startWith(overrides: Record<string, string | undefined>): Promise<AgentProcess> {
    const a = startAgentProcess(BUNDLE, await agentTestEnv({ ...GOOD, ...overrides }));
    started.push(a);
    return a;
  }

  it.each([
    ['GRAFANA_ADMIN_PASSWORD', { GRAFANA_ADMIN_PASSWORD: undefined }, /GRAFANA_ADMIN_PASSWORD: is not set/],
    ['GRAFANA_ADMIN_PASSWORD', { GRAFANA_ADMIN_PASSWORD: 'short' }, /GRAFANA_ADMIN_PASSWORD: is malformed/],
    ['INFLUXDB_READ_PASSWORD', { INFLUXDB_READ_PASSWORD: undefined }, /INFLUXDB_READ_PASSWORD: is not set/],
    // No fallback to Grafana's well-known default key.
    ['GRAFANA_SECRET_KEY', { GRAFANA_SECRET_KEY: undefined }, /GRAFANA_SECRET_KEY: is not set/],
    ['GRAFANA_SECRET_KEY', { GRAFANA_SECRET_KEY: 'too-short-key' }, /GRAFANA_SECRET_KEY: is malformed/],
    ['GRAFANA_PORT', { GRAFANA_PORT: '70000' }, /GRAFANA_PORT: is malformed.*TCP port/],
    ['INFLUXDB_URL', { INFLUXDB_URL: 'not a url' }, /INFLUXDB_URL: is malformed/],
    ['GRAFANA_DATA_DIR', { GRAFANA_DATA_DIR: 'relative/dir' }, /GRAFANA_DATA_DIR: is malformed.*absolute/],
    ['INFLUXDB_READ_USER', { INFLUXDB_READ_USER: 'bad user' }, /INFLUXDB_READ_USER: is malformed/],
  ])('%s %#: exit 78 naming it', async (_name, overrides, says) => {
    const a = await startWith(overrides);
    await expectConfigExit(a, { says });
    expect(a.raw.join('\n')).not.toContain('short"');
  });

  it('never prints a secret it refuses', async () => {
    await expectConfigExit(await startWith({ GRAFANA_ADMIN_PASSWORD: 'tiny' }), { says: /GRAFANA_ADMIN_PASSWORD: is malformed/, secret: 'tiny' });
  });
});
