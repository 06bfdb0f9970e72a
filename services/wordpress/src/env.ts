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
  /** public TLS port */
  WORDPRESS_PORT: vars.port().default(5050),
  /** address clients use (LB IP); the site URL and the self-signed certificate's name */
  EXTERNAL_HOST: vars.hostname(),
  /** the database */
  WORDPRESS_DB_NAME: vars.identifier().default('wordpress'),
  /** its user */
  WORDPRESS_DB_USER: vars.identifier().default('wordpress'),
  /** that user's password (>= 8 characters) */
  WORDPRESS_DB_PASSWORD: vars.password(8),
  /** WordPress's `$table_prefix` */
  WORDPRESS_TABLE_PREFIX: z
    .string({ error: 'expected letters, digits and _' })
    .regex(/^[A-Za-z0-9_]{1,20}$/, 'expected 1-20 letters, digits and _ (WordPress allows no others)')
    .default('wp_'),
  /** blog title given to the installer (first install only) */
  WORDPRESS_TITLE: vars.string('a site title').default('ft_services'),
  /** JSON user list, see packages/wp-seed/README.md (setup generates admin + editor + author + subscriber) */
  WORDPRESS_USERS: secret(vars.json(wordpressUsersSchema, 'a JSON list of users {login, email, password, role, displayName?}')),
  /** one of WordPress's keys and salts (>= 32 characters; keep them stable: changing them logs everyone out) */
  WORDPRESS_AUTH_KEY: vars.password(32),
  /** as `WORDPRESS_AUTH_KEY` */
  WORDPRESS_SECURE_AUTH_KEY: vars.password(32),
  /** as `WORDPRESS_AUTH_KEY` */
  WORDPRESS_LOGGED_IN_KEY: vars.password(32),
  /** as `WORDPRESS_AUTH_KEY` */
  WORDPRESS_NONCE_KEY: vars.password(32),
  /** as `WORDPRESS_AUTH_KEY` */
  WORDPRESS_AUTH_SALT: vars.password(32),
  /** as `WORDPRESS_AUTH_KEY` */
  WORDPRESS_SECURE_AUTH_SALT: vars.password(32),
  /** as `WORDPRESS_AUTH_KEY` */
  WORDPRESS_LOGGED_IN_SALT: vars.password(32),
  /** as `WORDPRESS_AUTH_KEY` */
  WORDPRESS_NONCE_SALT: vars.password(32),
  /**
   * `true`: the web user owns `wp-content/{plugins,themes,upgrade}` and the dashboard may install and update plugins
   * and themes (`DISALLOW_FILE_MODS` false). Default: everything in `WP_CONTENT_DIR` but the uploads is root's and
   * not group/other-writable, set at every start
   */
  WORDPRESS_PLUGINS_WRITABLE: vars.bool().default(false),
  /**
   * uploaded media; default `<WP_CONTENT_DIR>/uploads` (the image: `/usr/share/webapps/wordpress/wp-content/uploads`,
   * the uploads PersistentVolumeClaim; the local mode: `<state>/wordpress-uploads`). Made and handed to the web user
   * at start; WordPress's `upload_path` option follows it; nginx serves it as `/wp-content/uploads/` (files only, no
   * script)
   */
  WORDPRESS_UPLOADS_DIR: vars.absolutePath().optional(),
  // PHP_FPM_MAX_CHILDREN (see tuning.ts).
  ...tuningEnv,
};

export type WordPressConfig = EnvConfig<typeof wordpressEnv>;
/** The context every part of the wordpress service receives. */
export type WordPressContext = ServiceContext<WordPressConfig, WordPressPlatform>;
