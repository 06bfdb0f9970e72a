/** The wordpress service's environment (see README.md for each variable). */
import { secret, vars, type EnvConfig, type ServiceContext } from '@ft/agent';
import { phpSiteEnv } from '@ft/php-site';
import { wordpressUsersSchema } from '@ft/wp-seed';
import { z } from 'zod';
import type { WordPressPlatform } from './platform.js';
import { tuningEnv } from './tuning.js';

/** Each of WordPress's keys and salts is a secret of at least 32 characters. */
export { SALT_NAMES, type SaltName } from './salt-names.js';

export const wordpressEnv = {
  // LISTEN_HOST, STATUS_PORT (8182 here), TLS_CERT, TLS_KEY, MYSQL_HOST, MYSQL_PORT.
  ...phpSiteEnv(8182),
  /** The public TLS port of the site (SPEC: 5050). */
  WORDPRESS_PORT: vars.port().default(5050),
  /** The address clients use (the LB IP): the site URL is https://EXTERNAL_HOST:WORDPRESS_PORT. */
  EXTERNAL_HOST: vars.hostname(),
  WORDPRESS_DB_NAME: vars.identifier().default('wordpress'),
  WORDPRESS_DB_USER: vars.identifier().default('wordpress'),
  WORDPRESS_DB_PASSWORD: vars.password(8),
  WORDPRESS_TABLE_PREFIX: z
    .string({ error: 'expected letters, digits and _' })
    .regex(/^[A-Za-z0-9_]{1,20}$/, 'expected 1-20 letters, digits and _ (WordPress allows no others)')
    .default('wp_'),
  WORDPRESS_TITLE: vars.string('a site title').default('ft_services'),
  /** JSON list of {login, email, password, role, displayName?} (or WORDPRESS_USERS_FILE); required. */
  WORDPRESS_USERS: secret(vars.json(wordpressUsersSchema, 'a JSON list of users {login, email, password, role, displayName?}')),
  WORDPRESS_AUTH_KEY: vars.password(32),
  WORDPRESS_SECURE_AUTH_KEY: vars.password(32),
  WORDPRESS_LOGGED_IN_KEY: vars.password(32),
  WORDPRESS_NONCE_KEY: vars.password(32),
  WORDPRESS_AUTH_SALT: vars.password(32),
  WORDPRESS_SECURE_AUTH_SALT: vars.password(32),
  WORDPRESS_LOGGED_IN_SALT: vars.password(32),
  WORDPRESS_NONCE_SALT: vars.password(32),
  /**
   * false (default): WordPress's code (wp-content: plugins, themes, ...) belongs to the agent's user
   * and no plugin or theme can be installed from the dashboard; true: the web user owns plugins,
   * themes and upgrade, and the dashboard may install and update them.
   */
  WORDPRESS_PLUGINS_WRITABLE: vars.bool().default(false),
  /** Where uploaded media live (a volume); default <WP_CONTENT_DIR>/uploads. */
  WORDPRESS_UPLOADS_DIR: vars.absolutePath().optional(),
  // PHP_FPM_MAX_CHILDREN (see tuning.ts).
  ...tuningEnv,
};

export type WordPressConfig = EnvConfig<typeof wordpressEnv>;
/** The context every part of the wordpress service receives. */
export type WordPressContext = ServiceContext<WordPressConfig, WordPressPlatform>;
