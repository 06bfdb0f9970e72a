/**
 * Makes the database hold the listed users, and changes nothing that already matches:
 * - a user missing from the database is created (wp_users row + the user meta wp_insert_user writes);
 * - an existing user gets a new hash only when the listed password changed since the last seeding
 *   (a hash of it is kept in the user meta `ft_seeded_password`) and no longer verifies against the
 *   stored one; a password changed in WordPress or phpMyAdmin meanwhile is kept until the list
 *   changes. A new e-mail, display name (when listed) or role is written only when they differ;
 * - a user no longer in the list is left alone, with everything they wrote.
 * Every value is a bound parameter; only the validated table prefix is part of the SQL text.
 */
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { table, type Connection } from './connection.js';
import { hashForWordPress, verifyWordPressHash, type BcryptVerifier } from './password.js';
import { checkPortable, hashPortable } from './phpass.js';
import { capabilitiesFor } from './php-serialize.js';
import { USER_LEVEL, type WordPressUser } from './users-list.js';

/** User meta holding a phpass hash of the password the list gave at the last seeding. */
export const SEEDED_PASSWORD_META = 'ft_seeded_password';

export interface SeedOptions {
  /** Default 'wp_'. */
  prefix?: string;
  /** Checks bcrypt hashes (WordPress 6.8+); without it such a hash is replaced by a phpass one. */
  bcrypt?: BcryptVerifier;
  /** Creation time of new users; default now. */
  now?: () => Date;
}

export interface SeedReport {
  created: string[];
  updated: { login: string; fields: string[] }[];
  unchanged: string[];
}

interface UserRow extends RowDataPacket {
  ID: number;
  user_login: string;
  user_pass: string;
  user_email: string;
  display_name: string;
}

export async function seedUsers(conn: Connection, users: readonly WordPressUser[], options: SeedOptions = {}): Promise<SeedReport> {
  const prefix = options.prefix ?? 'wp_';
  const report: SeedReport = { created: [], updated: [], unchanged: [] };
  for (const user of users) {
    const existing = await findUser(conn, prefix, user.login);
    if (!existing) {
      await createUser(conn, prefix, user, (options.now ?? (() => new Date()))());
      report.created.push(user.login);
      continue;
    }
    const fields = await reconcileUser(conn, prefix, existing, user, options.bcrypt);
    if (fields.length > 0) report.updated.push({ login: user.login, fields });
    else report.unchanged.push(user.login);
  }
  return report;
}

/**
 * The user WordPress would sign in for this login. The column's collation folds case, as
 * WordPress's lookup does; an exact match wins if the folding finds several.
 */
async function findUser(conn: Connection, prefix: string, login: string): Promise<UserRow | undefined> {
  const [rows] = await conn.execute<UserRow[]>(
    `SELECT ID, user_login, user_pass, user_email, display_name FROM ${table(prefix, 'users')} WHERE user_login = ? ORDER BY ID`,
    [login],
  );
  return rows.find((r) => r.user_login === login) ?? rows[0];
}

async function reconcileUser(conn: Connection, prefix: string, row: UserRow, user: WordPressUser, bcrypt: BcryptVerifier | undefined): Promise<string[]> {
  const sets: string[] = [];
  const values: string[] = [];
  const changed: string[] = [];
  const seeded = await getMeta(conn, prefix, row.ID, SEEDED_PASSWORD_META);
  const listChanged = seeded === undefined || !checkPortable(user.password, seeded);
  if (listChanged) {
    if ((await verifyWordPressHash(user.password, row.user_pass, bcrypt)) !== 'match') {
      sets.push('user_pass = ?');
      values.push(hashForWordPress(user.password));
      changed.push('password');
    }
    await setMeta(conn, prefix, row.ID, SEEDED_PASSWORD_META, hashPortable(user.password));
  }
  if (row.user_email !== user.email) {
    sets.push('user_email = ?');
    values.push(user.email);
    changed.push('email');
  }
  if (user.displayName !== undefined && row.display_name !== user.displayName) {
    sets.push('display_name = ?');
    values.push(user.displayName);
    changed.push('displayName');
  }
  if (sets.length > 0) {
    await conn.execute<ResultSetHeader>(`UPDATE ${table(prefix, 'users')} SET ${sets.join(', ')} WHERE ID = ?`, [...values, row.ID]);
  }
  const roleChanged = await setMeta(conn, prefix, row.ID, `${prefix}capabilities`, capabilitiesFor(user.role));
  const levelChanged = await setMeta(conn, prefix, row.ID, `${prefix}user_level`, String(USER_LEVEL[user.role]));
  if (roleChanged || levelChanged) changed.push('role');
  return changed;
}

async function getMeta(conn: Connection, prefix: string, userId: number, key: string): Promise<string | undefined> {
  const [rows] = await conn.execute<RowDataPacket[]>(`SELECT meta_value FROM ${table(prefix, 'usermeta')} WHERE user_id = ? AND meta_key = ? LIMIT 1`, [userId, key]);
  const value: unknown = rows[0]?.meta_value;
  return typeof value === 'string' ? value : undefined;
}

/** Writes one meta value unless every row of that key already holds it; true when it wrote. */
async function setMeta(conn: Connection, prefix: string, userId: number, key: string, value: string): Promise<boolean> {
  const usermeta = table(prefix, 'usermeta');
  const [rows] = await conn.execute<RowDataPacket[]>(`SELECT meta_value FROM ${usermeta} WHERE user_id = ? AND meta_key = ?`, [userId, key]);
  if (rows.length > 0 && rows.every((r) => r.meta_value === value)) return false;
  if (rows.length === 0) {
    await conn.execute<ResultSetHeader>(`INSERT INTO ${usermeta} (user_id, meta_key, meta_value) VALUES (?, ?, ?)`, [userId, key, value]);
  } else {
    await conn.execute<ResultSetHeader>(`UPDATE ${usermeta} SET meta_value = ? WHERE user_id = ? AND meta_key = ?`, [value, userId, key]);
  }
  return true;
}

async function createUser(conn: Connection, prefix: string, user: WordPressUser, now: Date): Promise<void> {
  const users = table(prefix, 'users');
  const usermeta = table(prefix, 'usermeta');
  await conn.beginTransaction();
  try {
    const nicename = await uniqueNicename(conn, users, user.login);
    const [result] = await conn.execute<ResultSetHeader>(
      `INSERT INTO ${users} (user_login, user_pass, user_nicename, user_email, user_url, user_registered, user_activation_key, user_status, display_name)
       VALUES (?, ?, ?, ?, '', ?, '', 0, ?)`,
      [user.login, hashForWordPress(user.password), nicename, user.email, mysqlUtc(now), user.displayName ?? user.login],
    );
    const id = result.insertId;
    // The meta wp_insert_user() writes for a new user: without rich_editing = 'true', for
    // instance, WordPress would show the user a plain-text editor.
    const meta: [string, string][] = [
      ['nickname', user.login],
      ['first_name', ''],
      ['last_name', ''],
      ['description', ''],
      ['rich_editing', 'true'],
      ['syntax_highlighting', 'true'],
      ['comment_shortcuts', 'false'],
      ['admin_color', 'fresh'],
      ['use_ssl', '0'],
      ['show_admin_bar_front', 'true'],
      ['locale', ''],
      [`${prefix}capabilities`, capabilitiesFor(user.role)],
      [`${prefix}user_level`, String(USER_LEVEL[user.role])],
      [SEEDED_PASSWORD_META, hashPortable(user.password)],
    ];
    for (const [key, value] of meta) {
      await conn.execute<ResultSetHeader>(`INSERT INTO ${usermeta} (user_id, meta_key, meta_value) VALUES (?, ?, ?)`, [id, key, value]);
    }
    await conn.commit();
  } catch (err) {
    await conn.rollback();
    throw err;
  }
}

/** A URL slug from the login (for author pages), made unique with -2, -3... as WordPress does. */
export function nicenameOf(login: string): string {
  const slug = login
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[.\s]+/g, '-')
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 50);
  return slug.length > 0 ? slug : 'user';
}

async function uniqueNicename(conn: Connection, users: string, login: string): Promise<string> {
  const base = nicenameOf(login);
  let candidate = base;
  for (let suffix = 2; ; suffix++) {
    const [rows] = await conn.execute<RowDataPacket[]>(`SELECT ID FROM ${users} WHERE user_nicename = ? LIMIT 1`, [candidate]);
    if (rows.length === 0) return candidate;
    const tail = `-${suffix}`;
    candidate = base.slice(0, 50 - tail.length) + tail;
  }
}

/** 'YYYY-MM-DD HH:MM:SS' in UTC, as WordPress's gmdate() writes user_registered. */
function mysqlUtc(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}
