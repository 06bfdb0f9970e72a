/** The environment a test wordpress agent gets, the users it seeds, and signing in as one of them. */
import { randomBytes } from 'node:crypto';
import { agentTestEnv, freePorts, type MariadbServer } from '@ft/testkit';

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

export const SALT_VARS = [
  'WORDPRESS_AUTH_KEY',
  'WORDPRESS_SECURE_AUTH_KEY',
  'WORDPRESS_LOGGED_IN_KEY',
  'WORDPRESS_NONCE_KEY',
  'WORDPRESS_AUTH_SALT',
  'WORDPRESS_SECURE_AUTH_SALT',
  'WORDPRESS_LOGGED_IN_SALT',
  'WORDPRESS_NONCE_SALT',
];

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
