/** The runner: selection, skips, deadlines, groups side by side, no password in any result. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckFailure } from './errors.js';
import { failedChecks, runChecks } from './run-checks.js';
import { startTestServers, type TestServers } from '../test/test-servers.js';
import { CHECK_NAMES, type CheckResult, type VerifySecrets } from './types.js';

const SECRETS: VerifySecrets = {
  ssh: { user: 'someone', password: 'ssh-secret-1' },
  ftp: { user: 'someone', password: 'ftp-secret-1' },
  wordpress: {
    dbUser: 'wordpress',
    dbPassword: 'db-secret-1',
    users: [
      { login: 'admin', password: 'wp-secret-admin', role: 'administrator' },
      { login: 'e1', password: 'wp-secret-e1', role: 'editor' },
      { login: 'e2', password: 'wp-secret-e2', role: 'editor' },
      { login: 'e3', password: 'wp-secret-e3', role: 'editor' },
    ],
  },
};

let servers: TestServers;
beforeAll(async () => {
  servers = await startTestServers();
});
afterAll(async () => {
  await servers.close();
});

describe('runChecks', () => {
  it('runs every check in CHECK_NAMES order, one result each, and fails each one when nothing listens', async () => {
    // A loopback address nothing of this machine's listens on: every port refused.
    const seen: string[] = [];
    const results = await runChecks({ address: '127.0.0.254' }, { secrets: SECRETS, timeoutMs: 20_000, onResult: (r) => seen.push(r.name) });
    expect(results.map((r) => r.name)).toEqual([...CHECK_NAMES]);
    expect([...seen].sort()).toEqual([...CHECK_NAMES].sort());
    const byStatus = (s: CheckResult['status']) => results.filter((r) => r.status === s).map((r) => r.name);
    expect(byStatus('pass')).toEqual(['mysql-closed', 'influxdb-closed']);
    expect(failedChecks(results)).toEqual(CHECK_NAMES.filter((n) => n !== 'mysql-closed' && n !== 'influxdb-closed'));
    for (const r of results.filter((x) => x.status === 'fail')) expect(r.message, r.name).toMatch(/127\.0\.0\.254/);
  });

  it('reports a skipped check with its reason and runs only the ones asked for', async () => {
    const results = await runChecks(
      { address: '127.0.0.254' },
      { secrets: SECRETS, only: ['grafana-login', 'mysql-closed'], skip: { 'grafana-login': 'grafana-server is not installed' } },
    );
    expect(results).toMatchObject([
      { name: 'grafana-login', status: 'skip', message: 'grafana-server is not installed', ms: 0 },
      { name: 'mysql-closed', status: 'pass' },
    ]);
  });

  it('refuses an unknown check name, naming it', async () => {
    await expect(runChecks({ address: '127.0.0.1' }, { secrets: SECRETS, only: ['http-redirect', 'no-such-check' as never] })).rejects.toThrow(CheckFailure);
    await expect(runChecks({ address: '127.0.0.1' }, { secrets: SECRETS, skip: { bogus: 'x' } as never })).rejects.toThrow(/unknown checks bogus/);
  });

  it('fails a check that outlives its deadline, though each of its requests is in time', async () => {
    // Each request answers within its own timeout (half the deadline), the four logins together do not.
    servers.handle((_req, res) => setTimeout(() => res.writeHead(200).end('<html>slow</html>'), 300));
    const [result] = await runChecks(
      { address: '127.0.0.1', ports: { wordpress: servers.httpsPort } },
      { secrets: SECRETS, only: ['wordpress-logins'], timeoutMs: 1_500 },
    );
    // Run to its end, the check would have failed on the refused logins (FT_VERIFY_LOGIN_REFUSED).
    expect(result).toMatchObject({ name: 'wordpress-logins', status: 'fail', code: 'FT_VERIFY_TIMEOUT', message: 'no result within 1.5 s' });
  });

  it('never puts a password in a result, even when a server echoes it', async () => {
    servers.handle((_req, res) => res.writeHead(500).end(`<html>${SECRETS.ssh.password} ${SECRETS.wordpress.dbPassword}</html>`));
    const [leak] = await runChecks({ address: '127.0.0.1', ports: { https: servers.httpsPort } }, { secrets: SECRETS, only: ['https-page'] });
    expect(leak?.message).toBe('GET https://127.0.0.1:' + servers.httpsPort + '/ answered 500, expected 200: *** ***');
  });

  it('runs checks of different groups side by side', async () => {
    // Each answer waits until three requests are in: only checks run side by side all get one.
    let inFlight = 0;
    let most = 0;
    const waiting: Array<() => void> = [];
    servers.handle((_req, res) => {
      most = Math.max(most, ++inFlight);
      waiting.push(() => (inFlight--, res.writeHead(500).end()));
      if (inFlight === 3) for (const answer of waiting.splice(0)) answer();
      else setTimeout(() => waiting.splice(0).forEach((answer) => answer()), 2_000);
    });
    const ports = { https: servers.httpsPort, wordpress: servers.httpsPort, phpmyadmin: servers.httpsPort };
    const results = await runChecks(
      { address: '127.0.0.1', ports },
      { secrets: SECRETS, only: ['https-page', 'wordpress-tls', 'phpmyadmin-tls'], concurrency: 3 },
    );
    expect(most).toBe(3);
    expect(results.map((r) => r.status)).toEqual(['fail', 'fail', 'fail']);
  });
});
