/**
 * Makes the database hold the listed users exactly, both ways, and changes nothing that already matches:
 * - a user missing from the database is created (wp_users row + the user meta wp_insert_user writes)
 *   and marked as the platform's (user meta `ft_seeded` = '1': no secret in it);
 * - an existing listed user gets a new hash whenever the stored one does not verify the listed
 *   password (WordPress's own check: phpass, bcrypt, or a weak MD5 set through phpMyAdmin): the list
 *   is the truth, so a password changed in WordPress or phpMyAdmin lasts until the next seeding.
 *   A new e-mail, display name (when listed) or role is written only when they differ;
 * - a user the platform seeded (the marker) and that left the list is revoked: no role, a password
 *   no input verifies, no sessions, no application passwords, no reset key. The row and everything
 *   it wrote stay (posts keep their author; listing the login again restores the user);
 * - a user without the marker (made by hand in WordPress) and not listed is never touched.
 * No second password hash is kept: what seeding needs it learns from the stored hash itself. The
 * `ft_seeded_password` meta of earlier releases counts as the marker and is removed.
 * Every value is a bound parameter; only the validated table prefix is part of the SQL text.
 */
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { table, type Connection } from './connection.js';
import { hashForWordPress, verifyWordPressHash, type BcryptVerifier } from './password.js';
import { capabilitiesFor } from './php-serialize.js';
import { USER_LEVEL, type WordPressUser } from './users-list.js';

/** User meta marking a user the platform seeded (value '1'); only such users are ever revoked. */
export const SEEDED_MARKER_META = 'ft_seeded';
/** Earlier releases kept a phpass hash of the listed password here: read as the marker, then removed. */
export const LEGACY_SEEDED_PASSWORD_META = 'ft_seeded_password';
/**
 * user_pass of a revoked user. WordPress compares a stored value of 32 characters or fewer with
 * md5(password) (every release up to 6.8+), and an MD5 is 32 hex digits: no password verifies this.
 */
export const REVOKED_PASSWORD = '!revoked: not in WORDPRESS_USERS';
/** `<prefix>capabilities` of a user with no role: PHP's serialize([]), as WP_User::set_role('') writes. */
export const NO_CAPABILITIES = 'a:0:{}';
/** User meta holding what lets a user in without the password: login sessions, application passwords. */
const ACCESS_META = ['session_tokens', '_application_passwords'] as const;

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
  /** Seeded users no longer listed that lost their role and password in this run. */
  revoked: string[];
}

interface UserRow extends RowDataPacket {
  ID: number;
  user_login: string;
  user_pass: string;
  user_email: string;
  display_name: string;
  user_activation_key: string;
}

const USER_COLUMNS = 'ID, user_login, user_pass, user_email, display_name, user_activation_key';

export async function seedUsers(conn: Connection, users: readonly WordPressUser[], options: SeedOptions = {}): Promise<SeedReport> {
  const prefix = options.prefix ?? 'wp_';
  const report: SeedReport = { created: [], updated: [], unchanged: [], revoked: [] };
  const listedIds = new Set<number>();
  for (const user of users) {
    const existing = await findUser(conn, prefix, user.login);
    if (!existing) {
      listedIds.add(await createUser(conn, prefix, user, (options.now ?? (() => new Date()))()));
      report.created.push(user.login);
      continue;
    }
    listedIds.add(existing.ID);
    const fields = await reconcileUser(conn, prefix, existing, user, options.bcrypt);
    if (fields.length > 0) report.updated.push({ login: user.login, fields });
    else report.unchanged.push(user.login);
  }
  for (const row of await seededUsers(conn, prefix)) {
    if (listedIds.has(row.ID)) continue;
    if (await revokeUser(conn, prefix, row)) report.revoked.push(row.user_login);
  }
  return report;
}

/**
 * The user WordPress would sign in for this login. The column's collation folds case, as
 * WordPress's lookup does; an exact match wins if the folding finds several.
 */
async function findUser(conn: Connection, prefix: string, login: string): Promise<UserRow | undefined> {
  const [rows] = await conn.execute<UserRow[]>(`SELECT ${USER_COLUMNS} FROM ${table(prefix, 'users')} WHERE user_login = ? ORDER BY ID`, [login]);
  return rows.find((r) => r.user_login === login) ?? rows[0];
}

/** Every user carrying the platform's marker (or the earlier releases' seeded-password meta). */
async function seededUsers(conn: Connection, prefix: string): Promise<UserRow[]> {
  const [rows] = await conn.execute<UserRow[]>(
    `SELECT ${USER_COLUMNS} FROM ${table(prefix, 'users')} WHERE ID IN
       (SELECT user_id FROM ${table(prefix, 'usermeta')} WHERE meta_key IN (?, ?)) ORDER BY ID`,
    [SEEDED_MARKER_META, LEGACY_SEEDED_PASSWORD_META],
  );
  return rows;
}

async function reconcileUser(conn: Connection, prefix: string, row: UserRow, user: WordPressUser, bcrypt: BcryptVerifier | undefined): Promise<string[]> {
  const sets: string[] = [];
  const values: string[] = [];
  const changed: string[] = [];
  // 'weak' (an MD5 set through phpMyAdmin) is rehashed too: only phpass or bcrypt stays stored.
  if ((await verifyWordPressHash(user.password, row.user_pass, bcrypt)) !== 'match') {
    sets.push('user_pass = ?');
    values.push(hashForWordPress(user.password));
    changed.push('password');
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
  const marked = await setMeta(conn, prefix, row.ID, SEEDED_MARKER_META, '1');
  const legacy = await deleteMeta(conn, prefix, row.ID, LEGACY_SEEDED_PASSWORD_META);
  if (marked || legacy) changed.push('marker');
  return changed;
}

/** Takes away what a seeded user no longer listed could sign in or act with; true when it wrote. */
async function revokeUser(conn: Connection, prefix: string, row: UserRow): Promise<boolean> {
  let wrote = false;
  if (row.user_pass !== REVOKED_PASSWORD || row.user_activation_key !== '') {
    await conn.execute<ResultSetHeader>(`UPDATE ${table(prefix, 'users')} SET user_pass = ?, user_activation_key = '' WHERE ID = ?`, [
      REVOKED_PASSWORD,
      row.ID,
    ]);
    wrote = true;
  }
  if (await setMeta(conn, prefix, row.ID, `${prefix}capabilities`, NO_CAPABILITIES)) wrote = true;
  if (await setMeta(conn, prefix, row.ID, `${prefix}user_level`, '0')) wrote = true;
  for (const key of ACCESS_META) if (await deleteMeta(conn, prefix, row.ID, key)) wrote = true;
  // Still the platform's (a later listing restores it), under the new marker only.
  if (await setMeta(conn, prefix, row.ID, SEEDED_MARKER_META, '1')) wrote = true;
  if (await deleteMeta(conn, prefix, row.ID, LEGACY_SEEDED_PASSWORD_META)) wrote = true;
  return wrote;
}

/** Deletes every row of one meta key of a user; true when there was any. */
async function deleteMeta(conn: Connection, prefix: string, userId: number, key: string): Promise<boolean> {
  const usermeta = table(prefix, 'usermeta');
  const [rows] = await conn.execute<RowDataPacket[]>(`SELECT umeta_id FROM ${usermeta} WHERE user_id = ? AND meta_key = ?`, [userId, key]);
  if (rows.length === 0) return false;
  await conn.execute<ResultSetHeader>(`DELETE FROM ${usermeta} WHERE user_id = ? AND meta_key = ?`, [userId, key]);
  return true;
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

/** Inserts the user and its meta in one transaction; returns the new ID. */
async function createUser(conn: Connection, prefix: string, user: WordPressUser, now: Date): Promise<number> {
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
      [SEEDED_MARKER_META, '1'],
    ];
    for (const [key, value] of meta) {
      await conn.execute<ResultSetHeader>(`INSERT INTO ${usermeta} (user_id, meta_key, meta_value) VALUES (?, ?, ?)`, [id, key, value]);
    }
    await conn.commit();
    return id;
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
