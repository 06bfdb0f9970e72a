import { format } from 'mysql2';
import { describe, expect, it } from 'vitest';
import { bootstrapStatements } from './bootstrap-sql.js';

const config = {
  MYSQL_ROOT_PASSWORD: "r00t'pw\\x",
  WORDPRESS_DB_NAME: 'word-press',
  WORDPRESS_DB_USER: 'wp.user',
  WORDPRESS_DB_PASSWORD: 'wp"pa\'ss',
};

describe('bootstrapStatements', () => {
  const statements = bootstrapStatements(config);

  it('drops install-host proxy grants, sets root, creates the database, the user and its grant, in that order', () => {
    expect(statements.map((s) => format(s.sql, [...s.values]))).toEqual([
      "DELETE FROM mysql.proxies_priv WHERE Host <> 'localhost'",
      'FLUSH PRIVILEGES',
      "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('r00t\\'pw\\\\x') OR unix_socket",
      'CREATE DATABASE IF NOT EXISTS `word-press` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci',
      "CREATE USER IF NOT EXISTS 'wp.user'@'%' IDENTIFIED BY 'wp\\\"pa\\'ss'",
      "GRANT ALL PRIVILEGES ON `word-press`.* TO 'wp.user'@'%'",
    ]);
  });

  it('never puts a value into the SQL text itself, nor a password into what logs show', () => {
    for (const s of statements) {
      expect(s.sql).not.toContain(config.WORDPRESS_DB_NAME);
      expect(s.sql).not.toContain(config.WORDPRESS_DB_USER);
      expect(s.what).not.toContain(config.MYSQL_ROOT_PASSWORD);
      expect(s.what).not.toContain(config.WORDPRESS_DB_PASSWORD);
    }
  });
});
