/**
 * What the suites do as a user would, on the stack's public address: log in to WordPress and
 * phpMyAdmin (the services' own test helpers, reused), post to WordPress, query InfluxDB and MySQL
 * on the internal address. Nothing here knows a password: each comes from secrets.json.
 */
import mysql from 'mysql2/promise';
import { InfluxClient, type InfluxSeries } from '@ft/agent';
import { Browser, type Page } from '@ft/testkit';
import { logIn } from '../../../../services/wordpress/test/support.js';
import { hiddenInput, submitLogin } from '../../../../services/phpmyadmin/test/support.js';
import { ADDRESS, INTERNAL_ADDRESS } from './stack.js';
import type { StackSecrets } from './secrets.js';

export { Browser };
export { request } from '../../../../services/nginx/test/support.js';
export { sshExec, sshLoginOutcome } from '../../../../services/nginx/test/support.js';
export { curl, sha256 } from '../../../../services/ftps/test/support.js';

export const WORDPRESS = `https://${ADDRESS}:5050`;
export const PHPMYADMIN = `https://${ADDRESS}:5000/`;

export interface WordpressLogin {
  /** 302 to wp-admin with a logged-in cookie: the password was accepted. */
  ok: boolean;
  answer: Page;
  browser: Browser;
}

export async function wordpressLogin(login: string, password: string, site = WORDPRESS): Promise<WordpressLogin> {
  const { answer, browser } = await logIn(site, login, password);
  const ok = answer.status === 302 && browser.cookieNames().some((n) => n.startsWith('wordpress_logged_in_'));
  return { ok, answer, browser };
}

/** Logged in to phpMyAdmin at `base`: the browser, and its start page (which holds the token). */
export async function phpmyadminLogin(base: string, user: string, password: string): Promise<{ browser: Browser; home: Page; answer: Page }> {
  const browser = new Browser(new URL(base));
  const answer = await submitLogin(browser, user, password);
  if (answer.status !== 302) throw new Error(`phpMyAdmin login as ${user} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
  const home = await browser.open(new URL(answer.location ?? '', answer.url));
  return { browser, home, answer };
}

/** One statement typed in phpMyAdmin's SQL tab (the import route, as its page posts it). */
export async function phpmyadminSql(session: { browser: Browser; home: Page }, db: string, sql: string): Promise<{ success: boolean; body: string }> {
  const answer = await session.browser.post('index.php?route=/import', {
    token: hiddenInput(session.home.body, 'token'),
    server: '1',
    db,
    ajax_request: 'true',
    sql_query: sql,
  });
  const parsed = JSON.parse(answer.body) as { success?: boolean };
  return { success: parsed.success === true, body: answer.body };
}

/**
 * Publishes a post as a logged-in editor or administrator through the REST API with WordPress's
 * cookie authentication (the nonce the editor page would use); returns its ID.
 */
export async function publishPost(browser: Browser, title: string, content: string): Promise<number> {
  const nonce = await browser.get(`${WORDPRESS}/wp-admin/admin-ajax.php?action=rest-nonce`);
  if (nonce.status !== 200 || !/^[0-9a-f]{10}$/.test(nonce.body.trim())) throw new Error(`no REST nonce: ${nonce.status} ${nonce.body.slice(0, 200)}`);
  const answer = await browser.post(`${WORDPRESS}/?rest_route=/wp/v2/posts&_wpnonce=${nonce.body.trim()}`, { title, content, status: 'publish' });
  if (answer.status !== 201) throw new Error(`creating a post answered ${answer.status}: ${answer.body.slice(0, 300)}`);
  return (JSON.parse(answer.body) as { id: number }).id;
}

/** MySQL on the internal address as the WordPress database user. */
export function wordpressDb(secrets: StackSecrets): Promise<mysql.Connection> {
  return mysql.createConnection({
    host: INTERNAL_ADDRESS,
    port: 3306,
    user: secrets.wordpress.dbUser,
    password: secrets.wordpress.dbPassword,
    database: secrets.wordpress.dbName,
    connectTimeout: 10_000,
  });
}

export type { InfluxSeries };

/** One InfluxQL statement on the stack's InfluxDB with a user of secrets.json; throws on an error answer. */
export async function influxQuery(user: { user: string; password: string }, db: string, q: string, method: 'GET' | 'POST' = 'GET'): Promise<InfluxSeries[]> {
  const client = new InfluxClient({ url: `http://${INTERNAL_ADDRESS}:8086`, ...user, timeoutMs: 30_000, keepAlive: false });
  try {
    return await client.series(q, { db, method, epoch: 'ms', what: q });
  } finally {
    client.close();
  }
}

/** Line protocol through /write; resolves once InfluxDB acknowledged it (204). */
export async function influxWrite(user: { user: string; password: string }, db: string, lines: string): Promise<void> {
  const client = new InfluxClient({ url: `http://${INTERNAL_ADDRESS}:8086`, ...user, timeoutMs: 30_000, keepAlive: false });
  try {
    await client.write(lines, { db });
  } finally {
    client.close();
  }
}
