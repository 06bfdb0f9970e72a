/**
 * phpMyAdmin behind the nginx service's /phpmyadmin/ reverse proxy: login, browsing and the
 * session all work through the prefix, and nothing phpMyAdmin sends names its own host or port.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgentProcess, startMariadb, type AgentProcess, type MariadbServer } from '@ft/testkit';
import { startFrontProxy, type FrontProxy } from './front-proxy.js';
import { Browser, WP_DB, WP_PASSWORD, WP_USER, bundle, pmaEnv, seedWordpress, submitLogin } from './support.js';

describe('phpmyadmin behind the /phpmyadmin/ proxy', () => {
  let db: MariadbServer;
  let agent: AgentProcess;
  let proxy: FrontProxy;
  let pmaPort: string;

  beforeAll(async () => {
    db = await startMariadb({ database: WP_DB, user: WP_USER, password: WP_PASSWORD });
    await seedWordpress(db);
    const env = await pmaEnv({ MYSQL_PORT: String(db.port) });
    pmaPort = env.PHPMYADMIN_PORT ?? '';
    agent = startAgentProcess(bundle, env);
    await agent.waitReady(90_000);
    proxy = await startFrontProxy(Number(pmaPort));
  }, 180_000);

  afterAll(async () => {
    await proxy?.stop();
    await agent?.stop();
    await db?.stop();
  });

  it('logs in, keeps the session under /phpmyadmin/ and lists wp_users', async () => {
    const browser = new Browser(new URL(`https://127.0.0.1:${proxy.port}/phpmyadmin/`));
    const answer = await submitLogin(browser, WP_USER, WP_PASSWORD);
    expect(answer.url.pathname).toBe('/phpmyadmin/index.php');
    expect(answer.status).toBe(302);
    // nginx's proxy_redirect makes it absolute with the proxy's own address (absolute_redirect).
    expect(new URL(answer.location ?? '', answer.url).href).toMatch(new RegExp(`^https://127\\.0\\.0\\.1:${proxy.port}/phpmyadmin/index\\.php\\?route=/`));
    for (const line of answer.setCookies) expect(line).toMatch(/; path=\/phpmyadmin\/;/);

    const home = await browser.open(new URL(answer.location ?? '', answer.url));
    expect(home.url.pathname).toBe('/phpmyadmin/index.php');
    expect(home.body).toContain(`${WP_USER}@127.0.0.1`);

    const rows = await browser.open(`index.php?route=/sql&db=${WP_DB}&table=wp_users&pos=0`);
    expect(rows.url.pathname).toBe('/phpmyadmin/index.php');
    expect(rows.body).toContain('ft_alice');
    expect(rows.body).toContain('ft_bob');

    // Stylesheets and scripts load through the prefix too (relative links).
    const css = /<link rel="stylesheet" type="text\/css" href="([^"]+)"/.exec(home.body)?.[1];
    expect(css).toBeDefined();
    expect(css?.startsWith('/')).toBe(false);
    const sheet = await browser.get(new URL(css?.replace(/&amp;/g, '&') ?? '', home.url));
    expect(sheet.status).toBe(200);

    for (const page of [answer, home, rows]) {
      expect(page.location ?? '').not.toContain(`:${pmaPort}`);
      expect(page.body).not.toContain(`127.0.0.1:${pmaPort}`);
    }
  });

  it('answers /phpmyadmin without the slash with a redirect to the slash', async () => {
    const page = await new Browser(new URL(`https://127.0.0.1:${proxy.port}/`)).get('/phpmyadmin');
    expect(page.status).toBe(301);
    expect(page.location).toMatch(/\/phpmyadmin\/$/);
  });
});
