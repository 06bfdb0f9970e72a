/**
 * Keeps WordPress's `upload_path` option on the uploads directory the platform gives it (a volume
 * in the cluster, a directory of the state dir in the local mode). With an absolute `upload_path`
 * and no `upload_url_path`, wp_upload_dir() writes into that directory and still builds URLs as
 * `<site>/wp-content/uploads/...`, which the service's nginx maps onto the same directory.
 */
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import path from 'node:path';
import { table, type Connection } from './connection.js';

export interface OptionChange {
  option: string;
  from: string | undefined;
  to: string;
}

/** Sets `upload_path` := dir (absolute, no trailing slash) and `upload_url_path` := '' where they differ. */
export async function syncUploadPath(conn: Connection, dir: string, prefix = 'wp_'): Promise<OptionChange[]> {
  if (!path.isAbsolute(dir)) throw new Error(`uploads directory must be an absolute path: ${dir}`);
  const wanted: [string, string][] = [
    ['upload_path', path.resolve(dir)],
    // A URL here would win over the path's own mapping; the site URL follows the LB address.
    ['upload_url_path', ''],
  ];
  const options = table(prefix, 'options');
  const changes: OptionChange[] = [];
  for (const [option, value] of wanted) {
    const [rows] = await conn.query<RowDataPacket[]>(`SELECT option_value FROM ${options} WHERE option_name = ?`, [option]);
    const current = rows.length > 0 ? String(rows[0]?.option_value) : undefined;
    if (current === value || (current === undefined && value === '')) continue;
    if (current === undefined) {
      await conn.query<ResultSetHeader>(`INSERT INTO ${options} (option_name, option_value, autoload) VALUES (?, ?, 'yes')`, [option, value]);
    } else {
      await conn.query<ResultSetHeader>(`UPDATE ${options} SET option_value = ? WHERE option_name = ?`, [value, option]);
    }
    changes.push({ option, from: current, to: value });
  }
  return changes;
}
