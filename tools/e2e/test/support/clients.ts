/**
 * What the suites do as a user would, on the stack's public address. The evaluator's checks and
 * their clients are @ft/verify's (the library `setup.sh verify` runs against a cluster); here only
 * the local mode's defaults and what goes further: posting to WordPress, and MySQL and InfluxDB on
 * the internal address. Nothing here knows a password: each comes from secrets.json.
 */
import mysql from 'mysql2/promise';
import { InfluxClient, type InfluxSeries } from '@ft/agent';
import { Browser, wordpressLogin as verifyWordpressLogin, type WordpressLogin } from '@ft/verify';
import { portOf } from '@ft/platform';
import { ADDRESS, INTERNAL_ADDRESS } from './stack.js';
import type { StackSecrets } from './secrets.js';

export { Browser, phpmyadminLogin, phpmyadminSql, request, sshExec, sshLoginOutcome, type WordpressLogin } from '@ft/verify';
export { curl, sha256 } from '@ft/ftps/testing';

export const WORDPRESS = `https://${ADDRESS}:${portOf('wordpress', 'https')}`;
export const PHPMYADMIN = `https://${ADDRESS}:${portOf('phpmyadmin', 'https')}/`;

/** A login through wp-login.php, on the stack's WordPress unless told otherwise. */
export function wordpressLogin(login: string, password: string, site = WORDPRESS): Promise<WordpressLogin> {
  return verifyWordpressLogin(site, login, password);
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
    port: portOf('mysql', 'mysql'),
    user: secrets.wordpress.dbUser,
    password: secrets.wordpress.dbPassword,
    database: secrets.wordpress.dbName,
    connectTimeout: 10_000,
  });
}

export type { InfluxSeries };

/** One InfluxQL statement on the stack's InfluxDB with a user of secrets.json; throws on an error answer. */
export async function influxQuery(user: { user: string; password: string }, db: string, q: string, method: 'GET' | 'POST' = 'GET'): Promise<InfluxSeries[]> {
  const client = new InfluxClient({ url: `http://${INTERNAL_ADDRESS}:${portOf('influxdb', 'http')}`, ...user, timeoutMs: 30_000, keepAlive: false });
  try {
    return await client.series(q, { db, method, epoch: 'ms', what: q });
  } finally {
    client.close();
  }
}

/** Line protocol through /write; resolves once InfluxDB acknowledged it (204). */
export async function influxWrite(user: { user: string; password: string }, db: string, lines: string): Promise<void> {
  const client = new InfluxClient({ url: `http://${INTERNAL_ADDRESS}:${portOf('influxdb', 'http')}`, ...user, timeoutMs: 30_000, keepAlive: false });
  try {
    await client.write(lines, { db });
  } finally {
    client.close();
  }
}
