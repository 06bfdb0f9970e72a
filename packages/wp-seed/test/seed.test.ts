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
  syncUploadPath,
  wordpressInstallState,
  LEGACY_SEEDED_PASSWORD_META,
  phpBcryptVerifier,
  SEEDED_MARKER_META,
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
  const out = await wp.php(prefix, `$u = get_user_by('login', $in[0]); echo ($u && wp_check_password($in[1], $u->user_pass, $u->ID)) ? 'yes' : 'no';`, [
    login,
    asWordPressFormPassword(password),
  ]);
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
  it("is absent at first, installed by WordPress's own installer, and not installed twice", async () => {
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
    const again = await runWordPressInstaller({
      php: 'php',
      wordpressDir: WORDPRESS_DIR,
      siteUrl: SITE,
      server: { WORDPRESS_CONFIG: await wp.configName('wp_') },
      title: 'x',
      admin,
    });
    expect(again.installed).toBe(false);
  });
});

describe('seeding users', () => {
  it("creates the listed users and marks the installer's administrator as seeded, changing nothing else of it", async () => {
    const report = await seedUsers(conn, LIST);
    expect(report).toEqual({ created: ['zoe', "o'brien", 'say"cheese"'], updated: [{ login: 'admin', fields: ['marker'] }], unchanged: [], revoked: [] });
    const [meta] = await conn.query<RowDataPacket[]>(
      'SELECT u.user_login, m.meta_value FROM wp_usermeta m JOIN wp_users u ON u.ID = m.user_id WHERE m.meta_key = ? ORDER BY u.ID',
      [SEEDED_MARKER_META],
    );
    expect(meta.map((r): unknown[] => [r.user_login, r.meta_value])).toEqual(LIST.map((u) => [u.login, '1']));
  });

  it('a second run changes nothing: same rows, no writing statement', async () => {
    const before = await snapshot();
    const counts = await writeCounts();
    const report = await seedUsers(conn, LIST);
    expect(report).toEqual({ created: [], updated: [], unchanged: LIST.map((u) => u.login), revoked: [] });
    expect(await snapshot()).toEqual(before);
    expect(await writeCounts()).toEqual(counts);
  });

  it('keeps no second password hash: the only hashes are in user_pass', async () => {
    const [rows] = await conn.query<RowDataPacket[]>(
      "SELECT meta_key, meta_value FROM wp_usermeta WHERE meta_value LIKE '$P$%' OR meta_value LIKE '$2%' OR meta_value LIKE '$wp%' OR meta_key = ?",
      [LEGACY_SEEDED_PASSWORD_META],
    );
    expect(rows).toEqual([]);
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

  it("writes hashes WordPress's wp_check_password accepts, and it refuses wrong passwords", async () => {
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
    // Back to the list of the other tests.
    expect((await seedUsers(conn, LIST)).updated).toEqual([{ login: author.login, fields: ['password'] }]);
  });

  it('a changed role and e-mail are updated; WordPress sees the new role', async () => {
    const moved = { ...editor, role: 'contributor' as const, email: 'zoe@new.example.org' };
    const report = await seedUsers(conn, [admin, moved, author, subscriber]);
    expect(report.updated).toEqual([{ login: 'zoe', fields: ['email', 'role'] }]);
    const seen = await wordpressUser('zoe');
    expect(seen).toMatchObject({ email: 'zoe@new.example.org', roles: ['contributor'], level: '1' });
    await seedUsers(conn, LIST);
  });

  it('the list wins over a password set in phpMyAdmin (plain MD5) at the next seeding', async () => {
    // (Not checked through WordPress first: its wp_check_password rehashes an MD5 hash itself.)
    await conn.query("UPDATE wp_users SET user_pass = MD5('changed-in-pma') WHERE user_login = ?", [subscriber.login]);
    const report = await seedUsers(conn, LIST);
    expect(report.updated).toEqual([{ login: subscriber.login, fields: ['password'] }]);
    const [rows] = await conn.query<RowDataPacket[]>('SELECT user_pass FROM wp_users WHERE user_login = ?', [subscriber.login]);
    expect(String(rows[0]?.user_pass)).toMatch(/^\$P\$B/);
    expect(await wordpressAccepts(subscriber.login, subscriber.password)).toBe(true);
    expect(await wordpressAccepts(subscriber.login, 'changed-in-pma')).toBe(false);
  });

  it('a listed password stored as WordPress 6.8+ bcrypt or as a plain MD5 of it: bcrypt kept, MD5 rehashed', async () => {
    const bcryptHash = (await wp.php('wp_', 'echo password_hash($in, PASSWORD_BCRYPT);', asWordPressFormPassword(editor.password))).trim();
    await conn.query('UPDATE wp_users SET user_pass = ? WHERE user_login = ?', [bcryptHash, editor.login]);
    const withBcrypt = await seedUsers(conn, LIST, { bcrypt: phpBcryptVerifier('php') });
    expect(withBcrypt.updated).toEqual([]);
    await conn.query('UPDATE wp_users SET user_pass = MD5(?) WHERE user_login = ?', [asWordPressFormPassword(editor.password), editor.login]);
    expect((await seedUsers(conn, LIST)).updated).toEqual([{ login: editor.login, fields: ['password'] }]);
    expect(await wordpressAccepts(editor.login, editor.password)).toBe(true);
  });
});

describe('users that leave the list', () => {
  let handMadeId = 0;
  let handMadeRows: unknown;
  let postId = 0;

  /** The hand-made user's rows, exactly. */
  async function handMade(): Promise<unknown> {
    const [users] = await conn.query('SELECT * FROM wp_users WHERE ID = ?', [handMadeId]);
    const [meta] = await conn.query('SELECT * FROM wp_usermeta WHERE user_id = ? ORDER BY umeta_id', [handMadeId]);
    return { users, meta };
  }

  beforeAll(async () => {
    // An administrator made in WordPress itself (wp_insert_user), never listed, with a session.
    handMadeId = Number(
      (
        await wp.php(
          'wp_',
          `$id = wp_insert_user(['user_login' => 'handmade', 'user_pass' => $in, 'user_email' => 'hm@example.org', 'role' => 'administrator']);
           WP_Session_Tokens::get_instance($id)->create(time() + 3600); echo $id;`,
          'Hand-made-pass-1',
        )
      ).trim(),
    );
    expect(handMadeId).toBeGreaterThan(0);
    handMadeRows = await handMade();
    // The listed author writes a post and has a login session and an application password.
    const authorId = Number((await wp.php('wp_', `echo get_user_by('login', $in)->ID;`, author.login)).trim());
    postId = Number(
      (await wp.php('wp_', `echo wp_insert_post(['post_title' => 'Mine', 'post_status' => 'publish', 'post_author' => (int) $in]);`, authorId)).trim(),
    );
    expect(postId).toBeGreaterThan(0);
    await wp.php(
      'wp_',
      `WP_Session_Tokens::get_instance((int) $in)->create(time() + 3600); WP_Application_Passwords::create_new_application_password((int) $in, ['name' => 'cli']);`,
      authorId,
    );
  });

  it('a seeded administrator and author removed from the list lose role, password, sessions and application passwords; posts stay', async () => {
    const secondAdmin: WordPressUser = { login: 'root2', email: 'root2@example.org', password: 'Second-admin-1', role: 'administrator' };
    await seedUsers(conn, [...LIST, secondAdmin]);
    expect(await wordpressAccepts(secondAdmin.login, secondAdmin.password)).toBe(true);

    const report = await seedUsers(conn, [admin, editor, subscriber]);
    expect(report).toEqual({ created: [], updated: [], unchanged: [admin.login, editor.login, subscriber.login], revoked: [author.login, secondAdmin.login] });
    for (const user of [author, secondAdmin]) {
      expect(await wordpressAccepts(user.login, user.password)).toBe(false);
      // WordPress's own sign-in, as wp-login.php runs it.
      const signon = await wp.php('wp_', `$r = wp_authenticate($in[0], $in[1]); echo is_wp_error($r) ? $r->get_error_code() : 'signed-in';`, [
        user.login,
        asWordPressFormPassword(user.password),
      ]);
      expect(signon.trim()).toBe('incorrect_password');
      const seen = await wordpressUser(user.login);
      expect(seen.roles).toEqual([]);
      expect(seen.level).toBe('0');
      const access = await wp.php(
        'wp_',
        `$u = get_user_by('login', $in); echo json_encode([count(WP_Session_Tokens::get_instance($u->ID)->get_all()), count(WP_Application_Passwords::get_user_application_passwords($u->ID)), user_can($u, 'read')]);`,
        user.login,
      );
      expect(JSON.parse(access)).toEqual([0, 0, false]);
    }
    const [posts] = await conn.query<RowDataPacket[]>('SELECT post_author, post_status FROM wp_posts WHERE ID = ?', [postId]);
    expect(posts[0]).toMatchObject({ post_status: 'publish' });
    expect(Number(posts[0]?.post_author)).toBe(Number((await wp.php('wp_', `echo get_user_by('login', $in)->ID;`, author.login)).trim()));
  });

  it('revoking is idempotent: a second run writes nothing', async () => {
    const before = await snapshot();
    const counts = await writeCounts();
    expect(await seedUsers(conn, [admin, editor, subscriber])).toEqual({
      created: [],
      updated: [],
      unchanged: [admin.login, editor.login, subscriber.login],
      revoked: [],
    });
    expect(await snapshot()).toEqual(before);
    expect(await writeCounts()).toEqual(counts);
  });

  it('never touches a user made by hand in WordPress', async () => {
    expect(await handMade()).toEqual(handMadeRows);
    expect(await wordpressAccepts('handmade', 'Hand-made-pass-1')).toBe(true);
    expect((await wordpressUser('handmade')).roles).toEqual(['administrator']);
  });

  it('a user of an earlier release (seeded-password meta) is recognised, and the meta goes', async () => {
    const legacy: WordPressUser = { login: 'legacy', email: 'legacy@example.org', password: 'Legacy-pass-1', role: 'editor' };
    await seedUsers(conn, [admin, editor, subscriber, legacy]);
    const legacyId = Number((await wp.php('wp_', `echo get_user_by('login', $in)->ID;`, legacy.login)).trim());
    // As an earlier release left it: its own hash meta and no marker.
    await conn.query('DELETE FROM wp_usermeta WHERE user_id = ? AND meta_key = ?', [legacyId, SEEDED_MARKER_META]);
    await conn.query('INSERT INTO wp_usermeta (user_id, meta_key, meta_value) VALUES (?, ?, ?)', [
      legacyId,
      LEGACY_SEEDED_PASSWORD_META,
      '$P$Bxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    ]);
    expect((await seedUsers(conn, [admin, editor, subscriber])).revoked).toEqual([legacy.login]);
    const [meta] = await conn.query<RowDataPacket[]>('SELECT meta_key FROM wp_usermeta WHERE user_id = ? AND meta_key IN (?, ?)', [
      legacyId,
      SEEDED_MARKER_META,
      LEGACY_SEEDED_PASSWORD_META,
    ]);
    expect(meta.map((r): unknown => r.meta_key)).toEqual([SEEDED_MARKER_META]);
    expect(await wordpressAccepts(legacy.login, legacy.password)).toBe(false);
  });

  it('listing a revoked login again restores its role and password', async () => {
    const report = await seedUsers(conn, LIST);
    expect(report.updated).toEqual([{ login: author.login, fields: ['password', 'role'] }]);
    expect(await wordpressAccepts(author.login, author.password)).toBe(true);
    expect((await wordpressUser(author.login)).roles).toEqual(['author']);
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

describe('uploads directory', () => {
  it('upload_path follows the given directory, once, and WordPress uploads there with /wp-content/uploads URLs', async () => {
    const dir = `/tmp/ft-seed-uploads-${Date.now()}`;
    const changes = await syncUploadPath(conn, dir);
    expect(changes.map((c) => [c.option, c.to])).toEqual([['upload_path', dir]]);
    expect(await syncUploadPath(conn, `${dir}/`)).toEqual([]);
    const seen = JSON.parse(await wp.php('wp_', `$u = wp_upload_dir(null, false); echo json_encode([$u['basedir'], $u['baseurl']]);`)) as [string, string];
    expect(seen).toEqual([dir, 'https://10.1.2.3:5050/wp-content/uploads']);
    await conn.query("UPDATE wp_options SET option_value = 'https://cdn.example/u' WHERE option_name = 'upload_url_path'");
    expect((await syncUploadPath(conn, dir)).map((c) => c.option)).toEqual(['upload_url_path']);
  });
});

describe('another table prefix', () => {
  it('installs, seeds and reads roles under ft2_', async () => {
    await runWordPressInstaller({
      php: 'php',
      wordpressDir: WORDPRESS_DIR,
      siteUrl: SITE,
      server: { WORDPRESS_CONFIG: await wp.configName('ft2_') },
      title: 't',
      admin,
    });
    expect((await wordpressInstallState(conn, 'ft2_')).installed).toBe(true);
    const report = await seedUsers(conn, [admin, editor], { prefix: 'ft2_' });
    expect(report).toEqual({ created: ['zoe'], updated: [{ login: 'admin', fields: ['marker'] }], unchanged: [], revoked: [] });
    expect((await wordpressUser('zoe', 'ft2_')).roles).toEqual(['editor']);
    expect(await wordpressAccepts('zoe', editor.password, 'ft2_')).toBe(true);
    const before = await snapshot('ft2_');
    await seedUsers(conn, [admin, editor], { prefix: 'ft2_' });
    expect(await snapshot('ft2_')).toEqual(before);
  });
});
