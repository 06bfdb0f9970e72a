/** The environment a test wordpress agent gets, the users it seeds, and signing in as one of them. */
import { randomBytes } from 'node:crypto';
import https from 'node:https';
import { agentTestEnv, freePorts, type MariadbServer } from '@ft/testkit';
import { wordpressLogin } from '@ft/verify';
import { SALT_NAMES } from '../src/salt-names.js';

/** The bundle under test; FT_WORDPRESS_BUNDLE points at a copy (with its conf/ beside it), e.g. one with a rule broken on purpose. */
export const BUNDLE = process.env.FT_WORDPRESS_BUNDLE ?? new URL('../dist/agent.js', import.meta.url).pathname;

export interface TestUser {
  login: string;
  email: string;
  password: string;
  role: 'administrator' | 'editor' | 'author' | 'contributor' | 'subscriber';
  displayName?: string;
}

export const USERS: TestUser[] = [
  { login: 'admin', email: 'admin@ft.example', password: 'Admin-Pass-2024', role: 'administrator' },
  { login: 'zoe', email: 'zoe@ft.example', password: 'Zoë-pässwörd-7', role: 'editor', displayName: 'Zoë Łukasiewicz' },
  { login: "o'brien", email: 'ob@ft.example', password: `it's "quoted" 1`, role: 'author', displayName: "Seán O'Brien" },
  { login: 'reader', email: 'reader@ft.example', password: 'Reader-Pass-99', role: 'subscriber' },
];

const salt = (): string => randomBytes(36).toString('base64');

export const SALT_VARS = SALT_NAMES.map((name) => `WORDPRESS_${name}`);

/** Salts made once per suite: a restart with the same env keeps sessions valid, as in a cluster. */
export function makeSalts(): Record<string, string> {
  return Object.fromEntries(SALT_VARS.map((name) => [name, salt()]));
}

/** EXTERNAL_HOST is 127.0.0.1 and WORDPRESS_PORT a free port: requests use the site URL's host. */
export async function wordpressEnv(db: Pick<MariadbServer, 'port'> & { password?: string | undefined }, overrides: Record<string, string | undefined> = {}) {
  const [sitePort, statusPort] = await freePorts(2);
  return agentTestEnv({
    EXTERNAL_HOST: '127.0.0.1',
    LISTEN_HOST: '127.0.0.1',
    WORDPRESS_PORT: String(sitePort),
    STATUS_PORT: String(statusPort),
    MYSQL_HOST: '127.0.0.1',
    MYSQL_PORT: String(db.port),
    WORDPRESS_DB_NAME: 'wordpress',
    WORDPRESS_DB_USER: 'wordpress',
    WORDPRESS_DB_PASSWORD: db.password,
    WORDPRESS_USERS: JSON.stringify(USERS),
    ...makeSalts(),
    ...overrides,
  });
}

export function siteOf(env: Record<string, string>): string {
  return `https://127.0.0.1:${env.WORDPRESS_PORT}`;
}

/**
 * Logs in through wp-login.php as a browser does (the test cookie set, cookies kept): @ft/verify's
 * login, the one `setup.sh verify` uses. Resolves with the answer to the post and the browser.
 */
export { wordpressLogin as logIn } from '@ft/verify';

/** An answer of a raw HTTPS request. */
export interface RawAnswer {
  status: number;
  body: string;
}

/** One HTTPS request with the given headers and body (self-signed certificate accepted). */
export function rawRequest(url: string, method: string, headers: Record<string, string>, body?: Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      { method, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) }, rejectUnauthorized: false, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error(`${method} ${url}: timeout`)));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Uploads a file to the media library as `login` through the REST API, as an app would: an
 * application password made with the user's cookie session (the nonce the dashboard uses), then
 * Basic authentication. Returns the attachment's URL.
 */
export async function uploadMedia(
  site: string,
  login: string,
  password: string,
  filename: string,
  content: Buffer,
  type = 'text/plain',
): Promise<{ id: number; url: string }> {
  const { answer, browser } = await wordpressLogin(site, login, password);
  if (answer.status !== 302) throw new Error(`${login} could not log in: ${answer.status}`);
  const nonce = await browser.get(`${site}/wp-admin/admin-ajax.php?action=rest-nonce`);
  if (nonce.status !== 200 || !/^[0-9a-f]{10}$/.test(nonce.body.trim())) throw new Error(`no REST nonce: ${nonce.status} ${nonce.body.slice(0, 200)}`);
  const made = await browser.post(`${site}/?rest_route=/wp/v2/users/me/application-passwords&_wpnonce=${nonce.body.trim()}`, {
    name: `ft-test-${randomBytes(3).toString('hex')}`,
  });
  if (made.status !== 201) throw new Error(`application password: ${made.status} ${made.body.slice(0, 300)}`);
  const appPassword = (JSON.parse(made.body) as { password: string }).password;
  const uploaded = await rawRequest(
    `${site}/?rest_route=/wp/v2/media`,
    'POST',
    {
      authorization: `Basic ${Buffer.from(`${login}:${appPassword}`).toString('base64')}`,
      'content-type': type,
      'content-disposition': `attachment; filename="${filename}"`,
    },
    content,
  );
  if (uploaded.status !== 201) throw new Error(`media upload: ${uploaded.status} ${uploaded.body.slice(0, 300)}`);
  const media = JSON.parse(uploaded.body) as { id: number; source_url: string };
  return { id: media.id, url: media.source_url };
}
