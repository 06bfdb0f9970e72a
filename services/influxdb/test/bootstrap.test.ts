/**
 * First start creates the users, the database and its retention policy; later starts change nothing
 * but the passwords (and a retention that INFLUXDB_RETENTION no longer declares).
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { processesMatching, removeDir } from '@ft/testkit';
import { PASSWORDS, query, rows, startInfluxdbService, write, type InfluxdbUnderTest } from './support.js';

const running: InfluxdbUnderTest[] = [];

// Points must fall inside the retention (36 h at the shortest here): whole seconds a minute ago.
const T0 = Math.floor(Date.now() / 1000) * 1000 - 60_000;
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const dirs: string[] = [];

async function start(options: Parameters<typeof startInfluxdbService>[0] = {}): Promise<InfluxdbUnderTest> {
  const s = await startInfluxdbService(options);
  running.push(s);
  return s;
}

async function stopAll(): Promise<void> {
  for (const s of running.splice(0)) {
    await s.agent.stop();
    // Neither the temporary nor the real influxd outlives the agent.
    expect(processesMatching(s.agent.runDir)).toEqual([]);
  }
}

/** Everything a later start must leave alone, read as the admin. */
async function snapshot(url: string, admin = PASSWORDS.admin): Promise<unknown> {
  const q = (s: string) => rows(url, 'admin', admin, s);
  return {
    databases: await q('SHOW DATABASES'),
    users: await q('SHOW USERS'),
    agentGrants: await q('SHOW GRANTS FOR "agent"'),
    grafanaGrants: await q('SHOW GRANTS FOR "grafana"'),
    policies: await q('SHOW RETENTION POLICIES ON "metrics"'),
  };
}

afterEach(stopAll);
afterAll(async () => {
  await stopAll();
  for (const d of dirs) await removeDir(d);
});

describe('influxdb service: users, database and retention', () => {
  it('first start: admin has all privileges, the write user only writes, the read user only reads', async () => {
    const { url, dataDir } = await start();
    dirs.push(dataDir);

    expect(await rows(url, 'admin', PASSWORDS.admin, 'SHOW USERS')).toEqual(
      expect.arrayContaining([
        ['admin', true],
        ['agent', false],
        ['grafana', false],
      ]),
    );
    expect(await rows(url, 'admin', PASSWORDS.admin, 'SHOW GRANTS FOR "agent"')).toEqual([['metrics', 'WRITE']]);
    expect(await rows(url, 'admin', PASSWORDS.admin, 'SHOW GRANTS FOR "grafana"')).toEqual([['metrics', 'READ']]);

    // The write user (a password with a quote and a backslash): writes, cannot read.
    expect(await write(url, 'agent', PASSWORDS.write, 'metrics', `probe,src=agent v=1 ${T0}`)).toBe(204);
    const agentRead = await query(url, 'agent', PASSWORDS.write, 'SELECT * FROM probe', 'metrics');
    expect(agentRead.status, JSON.stringify(agentRead.body)).toBe(403);
    expect(agentRead.body.error).toMatch(/not authorized.*requires READ/);

    // The read user: reads what the agent wrote, cannot write, cannot administer.
    expect(await rows(url, 'grafana', PASSWORDS.read, 'SELECT v, src FROM probe', 'metrics')).toEqual([[iso(T0), 1, 'agent']]);
    expect(await write(url, 'grafana', PASSWORDS.read, 'metrics', 'probe v=2')).toBe(403);
    expect((await query(url, 'grafana', PASSWORDS.read, 'CREATE DATABASE "nope"')).status).toBe(403);

    // The admin: everything.
    expect(await write(url, 'admin', PASSWORDS.admin, 'metrics', `probe,src=admin v=3 ${T0 + 1000}`)).toBe(204);
    await rows(url, 'admin', PASSWORDS.admin, 'CREATE DATABASE "scratch"');
    await rows(url, 'admin', PASSWORDS.admin, 'DROP DATABASE "scratch"');

    // Authentication is on: no credentials, wrong password.
    expect((await query(url, undefined, '', 'SHOW DATABASES')).status).toBe(401);
    expect((await query(url, 'admin', 'wrong-password', 'SHOW DATABASES')).status).toBe(401);

    // Debian's 1.6 cannot put /debug/* behind credentials (no pprof-auth-enabled): pprof stays off.
    const pprof = await fetch(`${url}/debug/pprof/`);
    await pprof.arrayBuffer();
    expect(pprof.status).toBe(404);

    // The default retention policy: 14 days.
    expect(await rows(url, 'admin', PASSWORDS.admin, 'SHOW RETENTION POLICIES ON "metrics"')).toEqual([['autogen', '336h0m0s', '24h0m0s', 1, true]]);
  });

  it('later start with a changed password: the new one works, the old one is refused, nothing else changed', async () => {
    const first = await start();
    dirs.push(first.dataDir);
    expect(await write(first.url, 'agent', PASSWORDS.write, 'metrics', `kept v=1 ${T0}`)).toBe(204);
    const before = await snapshot(first.url);
    await stopAll();

    const changed = 'a-new-write-password';
    const second = await start({ dataDir: first.dataDir, overrides: { INFLUXDB_WRITE_PASSWORD: changed } });
    expect(await write(second.url, 'agent', changed, 'metrics', `kept v=2 ${T0 + 1000}`)).toBe(204);
    expect(await write(second.url, 'agent', PASSWORDS.write, 'metrics', `kept v=3 ${T0 + 2000}`)).toBe(401);
    // Other passwords unchanged, and nothing else either.
    expect((await query(second.url, 'grafana', PASSWORDS.read, 'SHOW MEASUREMENTS', 'metrics')).status).toBe(200);
    expect(await snapshot(second.url)).toEqual(before);
    expect(await rows(second.url, 'grafana', PASSWORDS.read, 'SELECT v FROM kept', 'metrics')).toEqual([
      [iso(T0), 1],
      [iso(T0 + 1000), 2],
    ]);
    const lines = second.agent.lines.filter((l) => String(l.msg).startsWith('influxdb state:'));
    expect(lines.map((l) => l.msg)).toEqual(['influxdb state: as declared, passwords re-applied']);
  });

  it('a configured retention and database name on first start; a changed retention (and a role user made admin) on a later start', async () => {
    const first = await start({ overrides: { INFLUXDB_RETENTION: '3d', INFLUXDB_DB: 'ops', INFLUXDB_ADMIN_USER: 'root2' } });
    dirs.push(first.dataDir);
    expect(await rows(first.url, 'root2', PASSWORDS.admin, 'SHOW RETENTION POLICIES ON "ops"')).toEqual([['autogen', '72h0m0s', '24h0m0s', 1, true]]);
    expect(await rows(first.url, 'root2', PASSWORDS.admin, 'SHOW GRANTS FOR "agent"')).toEqual([['ops', 'WRITE']]);
    expect(await rows(first.url, 'root2', PASSWORDS.admin, 'SHOW DATABASES')).not.toContainEqual(['metrics']);
    // Tampering the next start repairs: a role user made admin.
    await rows(first.url, 'root2', PASSWORDS.admin, 'GRANT ALL PRIVILEGES TO "agent"');
    await stopAll();

    // INFLUXDB_RETENTION is the declared state: a new value applies, with a shard duration that fits.
    const second = await start({ dataDir: first.dataDir, overrides: { INFLUXDB_RETENTION: '36h', INFLUXDB_DB: 'ops', INFLUXDB_ADMIN_USER: 'root2' } });
    expect(await rows(second.url, 'root2', PASSWORDS.admin, 'SHOW RETENTION POLICIES ON "ops"')).toEqual([['autogen', '36h0m0s', '1h0m0s', 1, true]]);
    const state = second.agent.lines.find((l) => String(l.msg).startsWith('influxdb state:'));
    expect(state?.msg).toBe('influxdb state: retention of ops.autogen changed from 72h0m0s to 36h; revoked admin from agent');
    expect(await rows(second.url, 'root2', PASSWORDS.admin, 'SHOW USERS')).toContainEqual(['agent', false]);
    expect(await rows(second.url, 'root2', PASSWORDS.admin, 'SHOW GRANTS FOR "agent"')).toEqual([['ops', 'WRITE']]);
  });
});
