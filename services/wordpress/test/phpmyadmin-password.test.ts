/**
 * The evaluator's check across two services, with both real agents: log in to phpMyAdmin with the
 * WordPress database user, change a WordPress user's password there, log in to WordPress with it.
 * The list is the truth: at WordPress's next start, seeding puts the listed password back (no second
 * hash is kept that could tell a password changed by hand from a changed list).
 */
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pmaEnv } from '@ft/php-site/testing';
import { Browser, startAgentProcess, startMariadb, type AgentProcess, type MariadbServer } from '@ft/testkit';
import { hiddenInput, submitLogin } from '@ft/verify';
import { debianConfigFile } from '../src/paths.js';
import { BUNDLE as WORDPRESS_BUNDLE, USERS, logIn, siteOf, wordpressEnv } from './support.js';

/** phpMyAdmin's agent, run as a process as a test runs any bundle (nx builds it before these tests). */
const PMA_BUNDLE = fileURLToPath(new URL('../../phpmyadmin/dist/agent.js', import.meta.url));

const DB_PASSWORD = 'wp-db-Pass-5678';
const NEW_PASSWORD = 'Changed-In-PMA-1';
const subscriber = USERS.find((u) => u.role === 'subscriber')!;

describe('a WordPress password changed in phpMyAdmin', () => {
  let db: MariadbServer;
  let pma: AgentProcess;
  let wordpress: AgentProcess;
  let wpEnv: Record<string, string>;
  let pmaBase: URL;
  const runDirs: string[] = [];

  async function startWordpress(): Promise<void> {
    wordpress = startAgentProcess(WORDPRESS_BUNDLE, wpEnv);
    await wordpress.waitReady(180_000);
  }

  beforeAll(async () => {
    db = await startMariadb({ database: 'wordpress', user: 'wordpress', password: DB_PASSWORD });
    wpEnv = await wordpressEnv({ port: db.port, password: DB_PASSWORD });
    const env = await pmaEnv({ MYSQL_PORT: String(db.port) });
    pmaBase = new URL(`https://127.0.0.1:${env.PHPMYADMIN_PORT}/`);
    runDirs.push(wpEnv.AGENT_RUN_DIR ?? '', env.AGENT_RUN_DIR ?? '');
    pma = startAgentProcess(PMA_BUNDLE, env);
    await startWordpress();
    await pma.waitReady(90_000);
  }, 300_000);

  afterAll(async () => {
    await wordpress?.stop();
    await pma?.stop();
    await db?.stop();
    await rm(debianConfigFile('/etc/wordpress', wpEnv.AGENT_RUN_DIR ?? ''), { force: true });
    for (const dir of runDirs) await rm(dir, { recursive: true, force: true });
  });

  it('is the one WordPress accepts, until WordPress restarts and the listed one is back', async () => {
    const browser = new Browser(pmaBase);
    const login = await submitLogin(browser, 'wordpress', DB_PASSWORD);
    expect(login.status).toBe(302);
    const home = await browser.open(new URL(login.location ?? '/', pmaBase));

    // What a person types in phpMyAdmin's SQL tab: WordPress accepts an MD5 hash and upgrades it.
    const answer = await browser.post('/index.php?route=/import', {
      token: hiddenInput(home.body, 'token'),
      server: '1',
      db: 'wordpress',
      ajax_request: 'true',
      sql_query: `UPDATE wp_users SET user_pass = MD5('${NEW_PASSWORD}') WHERE user_login = '${subscriber.login}'`,
    });
    expect(JSON.parse(answer.body)).toMatchObject({ success: true });

    const site = siteOf(wpEnv);
    expect((await logIn(site, subscriber.login, NEW_PASSWORD)).answer.status).toBe(302);
    expect((await logIn(site, subscriber.login, subscriber.password)).answer.status).toBe(200);

    await wordpress.stop();
    await startWordpress();
    expect((await logIn(site, subscriber.login, subscriber.password)).answer.status).toBe(302);
    expect((await logIn(site, subscriber.login, NEW_PASSWORD)).answer.status).toBe(200);
  });
});
