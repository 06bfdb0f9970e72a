/** The phpmyadmin service's environment (see README.md for each variable). */
import { vars, type EnvConfig, type ServiceContext } from '@ft/agent';
import { phpSiteEnv } from '@ft/php-site';
import type { PhpmyadminPlatform } from './platform.js';

export const phpmyadminEnv = {
  // LISTEN_HOST, STATUS_PORT (8183 here), TLS_CERT, TLS_KEY, MYSQL_HOST, MYSQL_PORT.
  ...phpSiteEnv(8183),
  /** public TLS port */
  PHPMYADMIN_PORT: vars.port().default(5000),
  /** cookie key material (>= 32 characters); the key is its SHA-256 (exactly the 32 bytes sodium wants) */
  PMA_BLOWFISH_SECRET: vars.password(32),
};

export type PhpmyadminConfig = EnvConfig<typeof phpmyadminEnv>;
/** The context every part of the phpmyadmin service receives. */
export type PhpmyadminContext = ServiceContext<PhpmyadminConfig, PhpmyadminPlatform>;
