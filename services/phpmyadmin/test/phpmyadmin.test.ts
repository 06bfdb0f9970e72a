/**
 * The phpmyadmin agent against the real nginx, php-fpm and Debian's phpMyAdmin, with a real
 * MariaDB holding a WordPress-like wp_users table: login through the form over TLS, browsing,
 * changing a row, refused logins, metrics in a real InfluxDB.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgentProcess, startInfluxdb, startMariadb, waitUntil, type AgentProcess, type InfluxdbServer, type MariadbServer } from '@ft/testkit';
import { expectForwardSecretTls, expectRootWrittenDirs, expectWebUserReadsOnly } from '@ft/php-site/testing';
import { Browser, SECRET, WP_DB, WP_PASSWORD, WP_USER, bundle, hiddenInput, pmaEnv, rootConnection, seedWordpress, submitLogin } from './support.js';

describe('phpmyadmin agent', () => {
  let db: MariadbServer;
  let influx: InfluxdbServer;
  let agent: AgentProcess;
  let env: Record<string, string>;
  let base: URL;

  beforeAll(async () => {
    [db, influx] = await Promise.all([startMariadb({ database: WP_DB, user: WP_USER, password: WP_PASSWORD }), startInfluxdb()]);
    await seedWordpress(db);
    await influx.createDatabase('metrics');
    env = await pmaEnv({
      MYSQL_PORT: String(db.port),
      AGENT_INFLUX_URL: influx.url,
      AGENT_INFLUX_DB: 'metrics',
      AGENT_INFLUX_USER: influx.adminUser,
      AGENT_INFLUX_PASSWORD: influx.adminPassword,
    });
    base = new URL(`https://127.0.0.1:${env.PHPMYADMIN_PORT}/`);
    agent = startAgentProcess(bundle, env);
    await agent.waitReady(90_000);
  }, 180_000);

  afterAll(async () => {
    await agent?.stop();
    await Promise.all([db?.stop(), influx?.destroy()]);
  });

  it('is ready with its login-page, php-fpm and mysql checks passing', async () => {
    const ready = JSON.parse((await agent.get('/readyz')).body) as { checks: { name: string; ok?: boolean; passing?: boolean }[] };
    expect(ready.checks.map((c) => c.name).sort()).toEqual(['login-page', 'mysql', 'php-fpm']);
    const page = await new Browser(base).get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('name="pma_username"');
  });

  it('logs the WordPress database user in through the form and lists wp_users', async () => {
    const browser = new Browser(base);
    const answer = await submitLogin(browser, WP_USER, WP_PASSWORD);
    expect(answer.status).toBe(302);
    // Rooted at phpMyAdmin's own path, never a host or port: what the /phpmyadmin/ proxy rewrites.
    expect(answer.location).toMatch(/^\/index\.php\?route=\//);
    expect(browser.cookieNames()).toEqual(expect.arrayContaining(['pmaUser-1_https', 'pmaAuth-1_https']));

    const home = await browser.open(new URL(answer.location ?? '/', answer.url));
    expect(home.status).toBe(200);
    expect(home.body).toContain(`${WP_USER}@127.0.0.1`);
    expect(home.body).not.toContain('name="pma_username"');

    const rows = await browser.open(`/index.php?route=/sql&db=${WP_DB}&table=wp_users&pos=0`);
    expect(rows.status).toBe(200);
    expect(rows.body).toContain('ft_alice');
    expect(rows.body).toContain('ft_bob');
    expect(rows.body).toContain('bob@example.test');
  });

  it("changes a user's password hash through the SQL page; MariaDB has the new value", async () => {
    const browser = new Browser(base);
    const home = await browser.open(new URL((await submitLogin(browser, WP_USER, WP_PASSWORD)).location ?? '/', base));
    const newHash = '$P$Bnew-hash-set-by-phpmyadmin';
    const answer = await browser.post('/index.php?route=/import', {
      token: hiddenInput(home.body, 'token'),
      server: '1',
      db: WP_DB,
      ajax_request: 'true',
      sql_query: `UPDATE wp_users SET user_pass = '${newHash}' WHERE user_login = 'ft_alice'`,
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ success: true });

    const conn = await rootConnection(db);
    try {
      const [rows] = await conn.query(`SELECT user_login, user_pass FROM ${WP_DB}.wp_users ORDER BY ID`);
      expect(rows).toEqual([
        { user_login: 'ft_alice', user_pass: newHash },
        { user_login: 'ft_bob', user_pass: '$P$Bbob-old-hash' },
      ]);
    } finally {
      await conn.end();
    }
  });

  it('refuses root even with the right password', async () => {
    const browser = new Browser(base);
    const answer = await submitLogin(browser, 'root', db.rootPassword);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('Access denied!');
    expect(answer.body).toContain('name="pma_username"');
    expect(browser.cookieNames()).not.toContain('pmaAuth-1_https');
  });

  it('refuses a wrong password', async () => {
    const browser = new Browser(base);
    const answer = await submitLogin(browser, WP_USER, 'not-the-password');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatch(/Access denied for user (&#039;|')wpuser/);
    expect(answer.body).toContain('name="pma_username"');
    expect(browser.cookieNames()).not.toContain('pmaAuth-1_https');
  });

  it('writes nginx and phpfpm points to InfluxDB', async () => {
    const last = async (q: string): Promise<unknown[] | undefined> => (await influx.rows(q, 'metrics'))[0];
    await waitUntil(
      async () =>
        (await last(`SELECT last(requests) FROM nginx WHERE service = 'phpmyadmin'`)) !== undefined &&
        (await last(`SELECT last(accepted_conn) FROM phpfpm WHERE service = 'phpmyadmin'`)) !== undefined,
      30_000,
      'nginx and phpfpm points',
      500,
    );
    const nginx = await influx.rows(
      `SELECT last(requests), last(active), last(accepts) FROM nginx WHERE service = 'phpmyadmin' AND server = 'phpmyadmin'`,
      'metrics',
    );
    expect(Number(nginx[0]?.[1])).toBeGreaterThan(0);
    const fpm = await influx.rows(`SELECT last(accepted_conn), last(total_processes), last(start_since) FROM phpfpm WHERE pool = 'phpmyadmin'`, 'metrics');
    expect(Number(fpm[0]?.[1])).toBeGreaterThan(0);
    expect(Number(fpm[0]?.[2])).toBeGreaterThanOrEqual(1);
    const procs = await influx.rows(`SELECT count(pid) FROM procstat WHERE service = 'phpmyadmin' GROUP BY process`, 'metrics');
    expect(procs.length).toBeGreaterThan(0);
  });

  it("keeps its rendered config root's and only readable by the web user, with no secret in clear", async () => {
    const file = path.join(env.AGENT_RUN_DIR ?? '', 'phpmyadmin', 'config.inc.php');
    await expectWebUserReadsOnly(file);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(SECRET);
    expect(text).toContain("'AllowRoot' => false");
    expect(agent.raw.join('\n')).not.toContain(SECRET);
    expect(agent.raw.join('\n')).not.toContain(WP_PASSWORD);
  });

  it('writes its pid files, socket and php-fpm log in directories only root can write', async () => {
    await expectRootWrittenDirs(env.AGENT_RUN_DIR ?? '');
  });

  it('speaks TLS 1.2 and 1.3 with forward-secret AEAD suites only', async () => {
    await expectForwardSecretTls(Number(env.PHPMYADMIN_PORT));
  });

  it('stops gracefully: php-fpm gets SIGQUIT (finishes its requests) and the agent exits 0', async () => {
    const exit = await agent.stop(15_000);
    expect(exit.code).toBe(0);
    // php-fpm's master says "Finishing ..." on SIGQUIT and "Terminating ..." on SIGTERM.
    const said = agent.raw.filter((l) => /Finishing \.\.\.|Terminating \.\.\./.test(l));
    expect(
      said.some((l) => l.includes('Finishing ...')),
      said.join('\n'),
    ).toBe(true);
    expect(said.some((l) => l.includes('Terminating ...'))).toBe(false);
  });
});
