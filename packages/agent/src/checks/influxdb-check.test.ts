import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInfluxdb, type InfluxdbServer } from '@ft/testkit';
import { influxdbCheck } from './influxdb-check.js';
import { closedPort, expectRejectsPromptlyOnAbort, runProbe, startSilentServer, trackResources } from '../../test/check-support.js';

describe('influxdbCheck (real InfluxDB 1.6, auth on)', () => {
  let influx: InfluxdbServer;
  const writer = { user: 'fttest_writer', password: 'writer-secret-1' };
  const reader = { user: 'fttest_reader', password: 'reader-secret-1' };

  beforeAll(async () => {
    influx = await startInfluxdb();
    await influx.createDatabase('metrics');
    await influx.createUser(writer.user, writer.password, 'metrics', 'WRITE');
    await influx.createUser(reader.user, reader.password, 'metrics', 'READ');
  });
  afterAll(async () => {
    await influx?.destroy();
  });

  it('passes with ping + an authenticated write, and the point is there', async () => {
    const resources = trackResources();
    await expect(runProbe(influxdbCheck({ url: influx.url, ...writer, db: 'metrics' }))).resolves.toBe('ping 204, write 204');
    await resources.settled();
    const rows = await influx.rows('SELECT count(up) FROM agent_probe', 'metrics');
    expect(rows[0]?.[1]).toBeGreaterThanOrEqual(1);
  });

  it('passes with an authenticated query for a read-only user', async () => {
    await expect(runProbe(influxdbCheck({ url: influx.url, ...reader, db: 'metrics', mode: 'query' }))).resolves.toBe('ping 204, query 200');
  });

  it('fails on a wrong password without printing it', async () => {
    const attempt = runProbe(influxdbCheck({ url: influx.url, user: writer.user, password: 'wrong-password-x', db: 'metrics' }));
    await expect(attempt).rejects.toThrow(/write: 401 authorization failed/);
    await expect(attempt).rejects.not.toThrow(/wrong-password-x/);
  });

  it('fails when the user lacks the privilege (read-only user writing)', async () => {
    await expect(runProbe(influxdbCheck({ url: influx.url, ...reader, db: 'metrics' }))).rejects.toThrow(/write: 403/);
  });

  it('fails for a database that does not exist (query mode)', async () => {
    await expect(
      runProbe(influxdbCheck({ url: influx.url, user: influx.adminUser, password: influx.adminPassword, db: 'nope', mode: 'query' })),
    ).rejects.toThrow(/database not found/);
  });

  it('fails quickly when the server is down', async () => {
    const port = await closedPort();
    await expect(runProbe(influxdbCheck({ url: `http://127.0.0.1:${port}`, ...writer, db: 'metrics' }))).rejects.toThrow(/ECONNREFUSED/);
  });

  it('rejects promptly on abort against a server that never answers', async () => {
    const silent = await startSilentServer();
    try {
      await expectRejectsPromptlyOnAbort(influxdbCheck({ url: `http://127.0.0.1:${silent.port}`, ...writer, db: 'metrics' }));
    } finally {
      await silent.close();
    }
  });
});
