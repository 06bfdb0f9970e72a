/** The variables the mysql service reads (names shared with wordpress: see services/README.md). */
import { vars, type EnvConfig, type ServiceContext } from '@ft/agent';
import type { MysqlPlatform } from './platform.js';

export const mysqlEnv = {
  /** Set on root@localhost at first start only; later starts keep the stored one. */
  MYSQL_ROOT_PASSWORD: vars.password(8),
  WORDPRESS_DB_NAME: vars.identifier('a database name of letters, digits, _ . -').default('wordpress'),
  WORDPRESS_DB_USER: vars.identifier('a user name of letters, digits, _ . -').default('wordpress'),
  WORDPRESS_DB_PASSWORD: vars.password(8),
  /** The volume. */
  MYSQL_DATA_DIR: vars.dataDir().default('/var/lib/mysql'),
  LISTEN_HOST: vars.hostname().default('0.0.0.0'),
  MYSQL_PORT: vars.port().default(3306),
};

export type MysqlConfig = EnvConfig<typeof mysqlEnv>;
/** The context every part of the mysql service receives. */
export type MysqlContext = ServiceContext<MysqlConfig, MysqlPlatform>;
