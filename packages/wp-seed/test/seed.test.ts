/**
 * Seeding against a real MariaDB holding the schema WordPress's own installer (Debian's WordPress,
 * php-cli) created; WordPress itself reads back what was written.
 */
import type { RowDataPacket } from 'mysql2/promise';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  asWordPressFormPassword,
  runWordPressInstaller,
  seedUsers,
  syncSiteUrl,
  wordpressInstallState,
  type Connection,
  type WordPressUser,
} from '../src/index.js';
import { startWordPressDb, WORDPRESS_DIR, type WordPressDb } from './wordpress-db.js';

const SITE = 'https://127.0.0.1:5050';

const admin: WordPressUser = { login: 'admin', email: 'admin@example.org', password: 'Admin-pass-123', role: 'administrator' };
const editor: WordPressUser = { login: 'zoe', email: 'zoe@example.org', password: 'Zoë-pässwörd-1', role: 'editor', displayName: 'Zoë Łukasiewicz' };
const author: WordPressUser = { login: "o'brien", email: 'ob@example.org', password: `it's "quoted"`, role: 'author', displayName: "Seán O'Brien" };
const subscriber: WordPressUser = { login: 'say"cheese"', email: 'sub@example.org', password: 'subscriber-1', role: 'subscriber' };
const LIST = [admin, editor, author, subscriber];

let wp: WordPressDb;
let conn: Connection;
let root: mysql.Connection;

/** Every row of the users and usermeta tables, as stored. */
async function snapshot(prefix = 'wp_'): Promise<unknown> {
  const [users] = await conn.query(`SELECT * FROM \`${prefix}users\` ORDER BY ID`);
  const [meta] = await conn.query(`SELECT * FROM \`${prefix}usermeta\` ORDER BY umeta_id`);
  return { users, meta };
}

/** Server-wide counts of writing statements (nothing else talks to this test server). */
async function writeCounts(): Promise<Record<string, number>> {
  const [rows] = await root.query<RowDataPacket[]>(
    "SHOW GLOBAL STATUS WHERE Variable_name IN ('Com_update', 'Com_insert', 'Com_delete', 'Com_replace', 'Handler_update', 'Handler_write', 'Handler_delete')",
  );
  return Object.fromEntries(rows.map((r) => [String(r.Variable_name), Number(r.Value)]));
}

/** What WordPress's own wp_check_password() says of the stored hash, with the password as wp-login.php posts it. */
async function wordpressAccepts(login: string, password: string, prefix = 'wp_'): Promise<boolean> {
  const out = await wp.php(
    prefix,
    `$u = get_user_by('login', $in[0]); echo ($u && wp_check_password($in[1], $u->user_pass, $u->ID)) ? 'yes' : 'no';`,
    [login, asWordPressFormPassword(password)],
  );
  return out.trim() === 'yes';
}

async function wordpressUser(login: string, prefix = 'wp_'): Promise<{ login: string; email: string; display: string; roles: string[]; level: string }> {
  const out = await wp.php(
    prefix,
    `$u = get_user_by('login', $in); echo json_encode(['login' => $u->user_login, 'email' => $u->user_email, 'display' => $u->display_name, 'roles' => array_values($u->roles), 'level' => (string) $u->user_level]);`,
    login,
  );
  return JSON.parse(out) as { login: string; email: string; display: string; roles: string[]; level: string };
}

beforeAll(async () => {
  wp = await startWordPressDb();
  conn = await wp.connect();
  root = await mysql.createConnection({ host: wp.db.host, port: wp.db.port, user: 'root', password: wp.db.rootPassword });
});

afterAll(async () => {
  await conn?.end();
  await root?.end();
  await wp?.stop();
});

describe('WordPress install', () => {
  it('is absent at first, installed by WordPress\'s own installer, and not installed twice', async () => {
    expect(await wordpressInstallState(conn)).toEqual({ installed: false, tables: [] });
    const started = performance.now();
    const first = await runWordPressInstaller({
      php: 'php',
      wordpressDir: WORDPRESS_DIR,
      siteUrl: SITE,
      server: { WORDPRESS_CONFIG: await wp.configName('wp_') },
      title: 'ft_services',
      admin,
    });
    console.log(`WordPress installer: ${Math.round(performance.now() - started)} ms`);
    expect(first.installed).toBe(true);
    const state = await wordpressInstallState(conn);
    expect(state.installed).toBe(true);
    expect(state.tables).toEqual(expect.arrayContaining(['wp_options', 'wp_posts', 'wp_usermeta', 'wp_users']));
    const again = await runWordPressInstaller({ php: 'php', wordpressDir: WORDPRESS_DIR, siteUrl: SITE, server: { WORDPRESS_CONFIG: await wp.configName('wp_') }, title: 'x', admin });
    expect(again.installed).toBe(false);
  });
});

describe('seeding users', () => {
  it('creates the listed users and keeps the installer\'s administrator as it is', async () => {
    const report = await seedUsers(conn, LIST);
    expect(report).toEqual({ created: ['zoe', "o'brien", 'say"cheese"'], updated: [], unchanged: ['admin'] });
  });

  it('a second run changes nothing: same rows, no writing statement', async () => {
    const before = await snapshot();
    const counts = await writeCounts();
    const report = await seedUsers(conn, LIST);
    expect(report).toEqual({ created: [], updated: [], unchanged: LIST.map((u) => u.login) });
    expect(await snapshot()).toEqual(before);
    expect(await writeCounts()).toEqual(counts);
  });

  it('stores quotes and non-ASCII exactly, and WordPress reads the roles', async () => {
    for (const user of LIST) {
      const seen = await wordpressUser(user.login);
      expect(seen.login).toBe(user.login);
      expect(seen.email).toBe(user.email);
      expect(seen.display).toBe(user.displayName ?? user.login);
      expect(seen.roles).toEqual([user.role]);
    }
    const [rows] = await conn.query<RowDataPacket[]>('SELECT HEX(display_name) AS hex FROM wp_users WHERE user_login = ?', ['zoe']);
    expect(rows[0]?.hex).toBe(Buffer.from('Zoë Łukasiewicz', 'utf8').toString('hex').toUpperCase());
  });

  it('writes hashes WordPress\'s wp_check_password accepts, and it refuses wrong passwords', async () => {
    for (const user of LIST) {
      expect(await wordpressAccepts(user.login, user.password)).toBe(true);
      expect(await wordpressAccepts(user.login, `${user.password}!`)).toBe(false);
    }
  });

  it('a changed password updates only that hash: the new one verifies, the old one fails', async () => {
    const changed = { ...author, password: 'a-brand-new-pass' };
    const [before] = await conn.query<RowDataPacket[]>('SELECT user_pass FROM wp_users WHERE user_login = ?', [author.login]);
    const report = await seedUsers(conn, [admin, editor, changed, subscriber]);
    expect(report.updated).toEqual([{ login: author.login, fields: ['password'] }]);
    const [after] = await conn.query<RowDataPacket[]>('SELECT user_pass FROM wp_users WHERE user_login = ?', [author.login]);
    expect(after[0]?.user_pass).not.toBe(before[0]?.user_pass);
    expect(await wordpressAccepts(author.login, 'a-brand-new-pass')).toBe(true);
    expect(await wordpressAccepts(author.login, author.password)).toBe(false);
    expect((await seedUsers(conn, [admin, editor, changed, subscriber])).updated).toEqual([]);
  });

  it('a changed role and e-mail are updated; WordPress sees the new role', async () => {
    const moved = { ...editor, role: 'contributor' as const, email: 'zoe@new.example.org' };
    const report = await seedUsers(conn, [admin, moved]);
    expect(report.updated).toEqual([{ login: 'zoe', fields: ['email', 'role'] }]);
    const seen = await wordpressUser('zoe');
    expect(seen).toMatchObject({ email: 'zoe@new.example.org', roles: ['contributor'], level: '1' });
  });

  it('keeps a password changed in phpMyAdmin (plain MD5) until the listed password changes', async () => {
    // (Not checked through WordPress first: its wp_check_password rehashes an MD5 hash itself.)
    await conn.query("UPDATE wp_users SET user_pass = MD5('changed-in-pma') WHERE user_login = ?", [subscriber.login]);
    const report = await seedUsers(conn, [subscriber, admin]);
    expect(report.updated).toEqual([]);
    expect(await wordpressAccepts(subscriber.login, 'changed-in-pma')).toBe(true);
    const relisted = { ...subscriber, password: 'listed-again-1' };
    expect((await seedUsers(conn, [relisted, admin])).updated).toEqual([{ login: subscriber.login, fields: ['password'] }]);
    const [rows] = await conn.query<RowDataPacket[]>('SELECT user_pass FROM wp_users WHERE user_login = ?', [subscriber.login]);
    expect(String(rows[0]?.user_pass)).toMatch(/^\$P\$B/);
    expect(await wordpressAccepts(subscriber.login, 'listed-again-1')).toBe(true);
    expect(await wordpressAccepts(subscriber.login, 'changed-in-pma')).toBe(false);
  });

  it('a user removed from the list stays, with their posts', async () => {
    const authorId = Number((await wp.php('wp_', `echo get_user_by('login', $in)->ID;`, author.login)).trim());
    const postId = Number(
      (await wp.php('wp_', `echo wp_insert_post(['post_title' => 'Mine', 'post_status' => 'publish', 'post_author' => (int) $in]);`, authorId)).trim(),
    );
    expect(postId).toBeGreaterThan(0);
    const report = await seedUsers(conn, [admin]);
    expect(report).toEqual({ created: [], updated: [], unchanged: ['admin'] });
    const [users] = await conn.query<RowDataPacket[]>('SELECT ID FROM wp_users WHERE ID = ?', [authorId]);
    const [posts] = await conn.query<RowDataPacket[]>('SELECT post_author FROM wp_posts WHERE ID = ?', [postId]);
    expect(users).toHaveLength(1);
    expect(Number(posts[0]?.post_author)).toBe(authorId);
  });
});

describe('site URL', () => {
  it('siteurl and home follow a new address, once', async () => {
    const changes = await syncSiteUrl(conn, 'https://10.1.2.3:5050/');
    expect(changes.map((c) => [c.option, c.to])).toEqual([
      ['siteurl', 'https://10.1.2.3:5050'],
      ['home', 'https://10.1.2.3:5050'],
    ]);
    expect(await syncSiteUrl(conn, 'https://10.1.2.3:5050')).toEqual([]);
    const seen = await wp.php('wp_', `echo get_option('siteurl'), ' ', home_url('/x');`);
    expect(seen).toBe('https://10.1.2.3:5050 https://10.1.2.3:5050/x');
  });
});

describe('another table prefix', () => {
  it('installs, seeds and reads roles under ft2_', async () => {
    await runWordPressInstaller({ php: 'php', wordpressDir: WORDPRESS_DIR, siteUrl: SITE, server: { WORDPRESS_CONFIG: await wp.configName('ft2_') }, title: 't', admin });
    expect((await wordpressInstallState(conn, 'ft2_')).installed).toBe(true);
    const report = await seedUsers(conn, [admin, editor], { prefix: 'ft2_' });
    expect(report).toEqual({ created: ['zoe'], updated: [], unchanged: ['admin'] });
    expect((await wordpressUser('zoe', 'ft2_')).roles).toEqual(['editor']);
    expect(await wordpressAccepts('zoe', editor.password, 'ft2_')).toBe(true);
    const before = await snapshot('ft2_');
    await seedUsers(conn, [admin, editor], { prefix: 'ft2_' });
    expect(await snapshot('ft2_')).toEqual(before);
  });
});
