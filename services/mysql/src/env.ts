/** The variables the mysql service reads (names shared with wordpress: see services/README.md). */
import { vars, type EnvConfig, type ServiceContext } from '@ft/agent';
import type { MysqlPlatform } from './platform.js';

export const mysqlEnv = {
  /** root@localhost's password (>= 8 characters), set at the first start only */
  MYSQL_ROOT_PASSWORD: vars.password(8),
  /** database created at the first start (utf8mb4, utf8mb4_unicode_ci) */
  WORDPRESS_DB_NAME: vars.identifier('a database name of letters, digits, _ . -').default('wordpress'),
  /** user created at the first start as `'<user>'@'%'`, ALL on that database */
  WORDPRESS_DB_USER: vars.identifier('a user name of letters, digits, _ . -').default('wordpress'),
  /** that user's password (>= 8 characters); also what the readiness check logs in with */
  WORDPRESS_DB_PASSWORD: vars.password(8),
  /** the data dir (the volume); absolute path */
  MYSQL_DATA_DIR: vars.dataDir().default('/var/lib/mysql'),
  /** `bind-address` */
  LISTEN_HOST: vars.hostname().default('0.0.0.0'),
  /** TCP port */
  MYSQL_PORT: vars.port().default(3306),
};

export type MysqlConfig = EnvConfig<typeof mysqlEnv>;
/** The context every part of the mysql service receives. */
export type MysqlContext = ServiceContext<MysqlConfig, MysqlPlatform>;
