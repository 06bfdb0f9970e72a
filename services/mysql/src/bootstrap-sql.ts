/**
 * What the first start does to a fresh data dir, as statements with placeholders: mysql2 escapes
 * the values (`?` a string, `??` an identifier), so names and passwords are never pasted into SQL.
 * `what` is the statement as logs may show it: it never holds a value.
 */
import type { MysqlConfig } from './env.js';

export interface BootstrapStatement {
  what: string;
  sql: string;
  values: readonly string[];
}

export function bootstrapStatements(
  config: Pick<MysqlConfig, 'MYSQL_ROOT_PASSWORD' | 'WORDPRESS_DB_NAME' | 'WORDPRESS_DB_USER' | 'WORDPRESS_DB_PASSWORD'>,
): BootstrapStatement[] {
  const db = config.WORDPRESS_DB_NAME;
  const user = config.WORDPRESS_DB_USER;
  return [
    {
      // mariadb-install-db grants proxy rights to the install host's name; pod names change, and
      // with skip-name-resolve the server warns about that row at every start.
      what: 'drop proxy grants for host names other than localhost',
      sql: "DELETE FROM mysql.proxies_priv WHERE Host <> 'localhost'",
      values: [],
    },
    {
      what: 'reload the grant tables',
      sql: 'FLUSH PRIVILEGES',
      values: [],
    },
    {
      // Root stays local (mariadb-install-db makes only root@localhost). The password serves
      // clients on the socket; unix_socket keeps the agent (OS root) able to log in without it.
      what: "set root@localhost's password (socket login kept for OS root)",
      sql: "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD(?) OR unix_socket",
      values: [config.MYSQL_ROOT_PASSWORD],
    },
    {
      what: `create database ${db}`,
      sql: 'CREATE DATABASE IF NOT EXISTS ?? CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci',
      values: [db],
    },
    {
      // '%': wordpress and phpmyadmin connect over TCP from other pods.
      what: `create user ${user}@'%'`,
      sql: "CREATE USER IF NOT EXISTS ?@'%' IDENTIFIED BY ?",
      values: [user, config.WORDPRESS_DB_PASSWORD],
    },
    {
      what: `grant ${user}@'%' all privileges on ${db}.*`,
      sql: "GRANT ALL PRIVILEGES ON ??.* TO ?@'%'",
      values: [db, user],
    },
  ];
}
