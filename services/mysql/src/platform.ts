/**
 * Where MariaDB lives on each platform. Data only: the definition and templates read it.
 *
 * Alpine: its mariadb package is built without INSTALL_SBINDIR, so MariaDB's standalone layout puts
 * the server in /usr/bin (Debian: /usr/sbin); mariadb-install-db is in /usr/bin on both and ships
 * in the `mariadb` package itself. Both packages create the system user `mysql`.
 */
export interface MysqlPlatform {
  [key: string]: string;
  /** The server binary, started directly (never mysqld_safe, which restarts it silently). */
  mariadbd: string;
  /** Creates the system tables in an empty data dir. */
  installDb: string;
  /** The system user mariadbd runs as and that owns the data dir. */
  user: string;
}

export const platforms: Readonly<Record<'alpine' | 'debian', MysqlPlatform>> = {
  alpine: { mariadbd: '/usr/bin/mariadbd', installDb: '/usr/bin/mariadb-install-db', user: 'mysql' },
  debian: { mariadbd: '/usr/sbin/mariadbd', installDb: '/usr/bin/mariadb-install-db', user: 'mysql' },
};
