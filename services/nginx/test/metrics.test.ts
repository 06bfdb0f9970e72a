/** The `nginx` and `ssh` collectors, read back from a real InfluxDB 1.x. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInfluxdb, waitUntil, type InfluxdbServer } from '@ft/testkit';
import { request, sshHold, startNginxAgent, type NginxAgent } from './support.js';

const WRITER = { user: 'fttest_nginx_writer', password: 'nginx-writer-password' };
const USER = 'fttestnginxmetric';
const PASSWORD = 'metrics-test-password';

describe('nginx and ssh measurements in InfluxDB', () => {
  let influx: InfluxdbServer;
  let nginx: NginxAgent;

  beforeAll(async () => {
    influx = await startInfluxdb();
    await influx.createDatabase('metrics');
    await influx.createUser(WRITER.user, WRITER.password, 'metrics', 'WRITE');
    nginx = await startNginxAgent({
      EXTERNAL_HOST: '127.0.0.1',
      SSH_USER: USER,
      SSH_PASSWORD: PASSWORD,
      AGENT_INFLUX_URL: influx.url,
      AGENT_INFLUX_USER: WRITER.user,
      AGENT_INFLUX_PASSWORD: WRITER.password,
      AGENT_METRICS_INTERVAL_MS: '500',
    });
    await nginx.agent.waitReady(90_000);
  });
  afterAll(async () => {
    await nginx?.stop();
    await influx?.destroy();
  });

  const last = async (q: string): Promise<number | undefined> => {
    const value = (await influx.rows(q, 'metrics'))[0]?.[1];
    return typeof value === 'number' ? value : undefined;
  };

  it('writes stub_status figures as `nginx`, counting the connections made', async () => {
    const accepts = `SELECT last(accepts) FROM nginx WHERE service = 'nginx' AND pod = 'nginx-test'`;
    await waitUntil(async () => (await last(accepts)) !== undefined, 20_000, 'nginx points');
    const before = (await last(accepts)) ?? 0;
    // Each request on a connection of its own (the collector's own polling reuses one).
    for (let i = 0; i < 5; i++) await request(`https://127.0.0.1:${nginx.ports.https}/`);
    await waitUntil(async () => ((await last(accepts)) ?? 0) >= before + 5, 20_000, 'five more connections in InfluxDB');
    const fields = ['active', 'accepts', 'handled', 'requests', 'reading', 'writing', 'waiting'];
    const row = (await influx.rows(`SELECT ${fields.map((f) => `last(${f})`).join(', ')} FROM nginx WHERE "server" = 'nginx'`, 'metrics'))[0];
    expect(row?.slice(1).map((v) => typeof v)).toEqual(fields.map(() => 'number'));
  });

  it('counts open ssh sessions as `ssh` sessions, and back to zero when they close', async () => {
    const query = `SELECT last(sessions) FROM ssh WHERE service = 'nginx'`;
    await waitUntil(async () => (await last(query)) !== undefined, 20_000, 'ssh points');
    const sessions = await Promise.all([0, 1].map(() => sshHold({ port: nginx.ports.ssh, username: USER, password: PASSWORD })));
    try {
      // The agent's own ssh check may add one for a moment.
      await waitUntil(async () => ((await last(query)) ?? 0) >= 2, 20_000, 'two sessions counted');
    } finally {
      for (const s of sessions) s.close();
    }
    await waitUntil(async () => (await last(query)) === 0, 20_000, 'sessions back to zero');
  });
});
