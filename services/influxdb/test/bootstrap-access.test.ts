/**
 * The temporary influxd of the bootstrap, as the init step renders and starts it, on a data dir that
 * already has its admin: another user of the host who finds its loopback port gets nothing without
 * the run's token (authentication on), while the agent's token works even though it carries no
 * password.
 */
import { chmod, stat } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { InfluxClient, silentLogger } from '@ft/agent';
import { makeTempDir, removeDir } from '@ft/testkit';
import { bootstrapToken, newSharedSecret } from '../src/bootstrap-token.js';
import type { InfluxdbContext } from '../src/env.js';
import { confPaths } from '../src/paths.js';
import { platforms } from '../src/platform.js';
import { withBootstrapInfluxd } from '../src/bootstrap-step.js';
import { PASSWORDS, query, startInfluxdbService } from './support.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await removeDir(d);
});

describe('the bootstrap influxd', () => {
  it("answers nothing without the run's token (no credentials, a token of another secret); the token works", async () => {
    // A data dir with its admin, as any later start finds it.
    const first = await startInfluxdbService();
    dirs.push(first.dataDir);
    await first.agent.stop();

    const runDir = await makeTempDir('influxdb-bootstrap-run');
    dirs.push(runDir);
    // influxd's user traverses the run dir to its config, as in the agent's.
    await chmod(runDir, 0o755);
    const ctx = {
      config: { INFLUXDB_DATA_DIR: first.dataDir, INFLUXDB_ADMIN_USER: 'admin' },
      agent: { AGENT_RUN_DIR: runDir },
      platform: { ...platforms.debian, name: 'debian' },
      log: silentLogger(),
      signal: new AbortController().signal,
    } as unknown as InfluxdbContext;
    let renderedMode = 0;
    await withBootstrapInfluxd(ctx, new URL('../conf/', import.meta.url), async ({ url, secret }) => {
      // The secret is in a file of influxd's user alone.
      renderedMode = (await stat(confPaths(ctx).bootstrap)).mode & 0o777;
      // Anyone else on the host: no credentials, a guessed token, the right name without the secret.
      expect((await query(url, undefined, '', 'SHOW USERS')).status).toBe(401);
      const forged = new InfluxClient({ url, bearer: bootstrapToken(newSharedSecret(), 'admin'), keepAlive: false });
      await expect(forged.rows('SHOW USERS')).rejects.toThrow(/401/);
      const guessed = new InfluxClient({ url, user: 'admin', password: 'not-the-password', keepAlive: false });
      await expect(guessed.rows('SHOW USERS')).rejects.toThrow(/401/);
      // The agent: the run's token names the admin, no password needed (it may be about to change).
      const admin = new InfluxClient({ url, bearer: bootstrapToken(secret, 'admin'), keepAlive: false });
      expect((await admin.rows('SHOW USERS')).map((r) => r['user'])).toContain('admin');
      // And the admin's own password works too: authentication is simply on.
      expect((await query(url, 'admin', PASSWORDS.admin, 'SHOW USERS')).status).toBe(200);
    });
    expect(renderedMode).toBe(0o600);
  });
});
