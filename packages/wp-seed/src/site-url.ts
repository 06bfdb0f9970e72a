/** Keeps `siteurl` and `home` on the address clients use (the LB IP can change between deploys). */
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { table, type Connection } from './connection.js';

export interface SiteUrlChange {
  option: 'siteurl' | 'home';
  from: string | undefined;
  to: string;
}

/** WordPress stores the URL without a trailing slash. */
export function normaliseSiteUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`site URL must be http(s): ${url}`);
  return parsed.href.replace(/\/+$/, '');
}

/** Sets both options to `url` where they differ; returns what changed (nothing on a second run). */
export async function syncSiteUrl(conn: Connection, url: string, prefix = 'wp_'): Promise<SiteUrlChange[]> {
  const wanted = normaliseSiteUrl(url);
  const options = table(prefix, 'options');
  const changes: SiteUrlChange[] = [];
  for (const option of ['siteurl', 'home'] as const) {
    const [rows] = await conn.query<RowDataPacket[]>(`SELECT option_value FROM ${options} WHERE option_name = ?`, [option]);
    const current = rows.length > 0 ? String(rows[0]?.option_value) : undefined;
    if (current === wanted) continue;
    if (current === undefined) {
      await conn.query<ResultSetHeader>(`INSERT INTO ${options} (option_name, option_value, autoload) VALUES (?, ?, 'yes')`, [option, wanted]);
    } else {
      await conn.query<ResultSetHeader>(`UPDATE ${options} SET option_value = ? WHERE option_name = ?`, [wanted, option]);
    }
    changes.push({ option, from: current, to: wanted });
  }
  return changes;
}
