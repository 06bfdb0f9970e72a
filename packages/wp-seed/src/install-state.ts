/** Whether WordPress's schema is installed in a database (what wp-admin/install.php asks too). */
import type { RowDataPacket } from 'mysql2/promise';
import { table, type Connection } from './connection.js';

export interface InstallState {
  /** The options table holds `siteurl`: WordPress's own is_blog_installed() test. */
  installed: boolean;
  /** WordPress tables of this prefix that exist (a half-finished install has some). */
  tables: string[];
}

export async function wordpressInstallState(conn: Connection, prefix = 'wp_'): Promise<InstallState> {
  const options = table(prefix, 'options');
  const [rows] = await conn.query<RowDataPacket[]>(
    'SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE ?',
    [`${prefix.replace(/_/g, '\\_')}%`],
  );
  const tables = rows.map((r) => String(r.name)).sort();
  if (!tables.includes(`${prefix}options`)) return { installed: false, tables };
  const [found] = await conn.query<RowDataPacket[]>(`SELECT option_value FROM ${options} WHERE option_name = 'siteurl' LIMIT 1`);
  return { installed: found.length > 0 && String(found[0]?.option_value ?? '') !== '', tables };
}
