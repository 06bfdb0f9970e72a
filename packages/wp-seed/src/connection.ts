/** A mysql2 connection set up the way seeding needs it: utf8mb4 both ways, so names survive exactly. */
import mysql from 'mysql2/promise';

export interface DatabaseOptions {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** Default 10 s. */
  connectTimeoutMs?: number;
}

export type Connection = mysql.Connection;

export async function openConnection(options: DatabaseOptions): Promise<Connection> {
  return mysql.createConnection({
    host: options.host,
    port: options.port,
    user: options.user,
    password: options.password,
    database: options.database,
    charset: 'utf8mb4_unicode_ci',
    connectTimeout: options.connectTimeoutMs ?? 10_000,
    // WordPress's DATETIME columns hold UTC text; keep them as strings, never local Dates.
    dateStrings: true,
  });
}

/** A table of the WordPress schema, quoted. The prefix is validated: identifiers cannot be parameters. */
export function table(prefix: string, name: string): string {
  assertTablePrefix(prefix);
  return `\`${prefix}${name}\``;
}

export function assertTablePrefix(prefix: string): void {
  // WordPress itself allows only these characters in $table_prefix (wpdb::set_prefix).
  if (!/^[A-Za-z0-9_]+$/.test(prefix)) throw new Error(`invalid table prefix ${JSON.stringify(prefix)}: letters, digits and _ only`);
}
