/** What the phpmyadmin tests share: the bundle, its environment, a browser-like HTTPS client. */
import { fileURLToPath } from 'node:url';
import { createConnection, type Connection } from 'mysql2/promise';
import type { MariadbServer } from '@ft/testkit';

export { Browser } from '@ft/testkit';

export const bundle = fileURLToPath(new URL('../dist/agent.js', import.meta.url));

// The agent's environment lives in @ft/php-site/testing: WordPress's tests start a phpMyAdmin too.
export { pmaEnv, PMA_BLOWFISH_SECRET as SECRET } from '@ft/php-site/testing';

export const WP_DB = 'wordpress';
export const WP_USER = 'wpuser';
/** A quote and a backslash: the login form must carry it exactly. */
export const WP_PASSWORD = `wp'pa\\ss"1`;

/** The wordpress database with a wp_users table and two users, as WordPress would leave it. */
export async function seedWordpress(db: MariadbServer): Promise<void> {
  const conn = await rootConnection(db);
  try {
    await conn.query(`CREATE TABLE IF NOT EXISTS ${WP_DB}.wp_users (
      ID bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
      user_login varchar(60) NOT NULL,
      user_pass varchar(255) NOT NULL,
      user_email varchar(100) NOT NULL DEFAULT '')`);
    await conn.query(`INSERT INTO ${WP_DB}.wp_users (user_login, user_pass, user_email) VALUES (?, ?, ?), (?, ?, ?)`, [
      'ft_alice',
      '$P$Balice-old-hash',
      'alice@example.test',
      'ft_bob',
      '$P$Bbob-old-hash',
      'bob@example.test',
    ]);
  } finally {
    await conn.end();
  }
}

export function rootConnection(db: MariadbServer): Promise<Connection> {
  return createConnection({ host: db.host, port: db.port, user: 'root', password: db.rootPassword });
}

// phpMyAdmin's login form as a person fills it in: @ft/verify's, the one `setup.sh verify` uses.
export { hiddenInput, submitLogin } from '@ft/verify';
