/**
 * `local backup` and `local restore` on real daemons: a post, an uploaded file, an FTPS file and
 * metric points are written on one stack (127.0.0.6), backed up while a transactional load runs,
 * the stack and its state dir destroyed, and the archive restored into a fresh state dir on
 * another address (127.0.0.8): every item is there, byte for byte, the load's invariant holds in
 * the snapshot, and WordPress follows the new address. A damaged archive is refused with nothing
 * changed.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import https from 'node:https';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Client } from 'basic-ftp';
import { Readable } from 'node:stream';
import { makeTempDir } from '@ft/testkit';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeStackFromHost } from '../src/host-leftovers.js';
import type { Secrets } from '../src/secrets.js';

const exec = promisify(execFile);
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const A = { address: '127.0.0.6', internal: '127.0.0.7' };
const B = { address: '127.0.0.8', internal: '127.0.0.9' };

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [CLI, ...args], { timeout: 600_000, env: { ...process.env, ...env }, maxBuffer: 16 << 20 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const up = (dir: string, at: typeof A) =>
  cli(['local', 'up', '--state-dir', dir, '--address', at.address, '--internal-address', at.internal, '--timeout', '240']);
const down = (dir: string) => cli(['local', 'down', '--state-dir', dir]);

async function secretsOf(dir: string): Promise<Secrets> {
  return JSON.parse(await readFile(path.join(dir, 'secrets.json'), 'utf8')) as Secrets;
}

async function db(dir: string, at: typeof A): Promise<mysql.Connection> {
  const s = await secretsOf(dir);
  return mysql.createConnection({ host: at.internal, port: 3306, user: s.wordpress.dbUser, password: s.wordpress.dbPassword, database: s.wordpress.dbName });
}

async function influx(dir: string, at: typeof A, statement: string, database?: string): Promise<string> {
  const s = await secretsOf(dir);
  const args = ['-host', at.internal, '-port', '8086', '-format', 'csv', '-execute', statement];
  if (database) args.push('-database', database);
  const { stdout } = await exec('influx', args, {
    env: { ...process.env, INFLUX_USERNAME: s.influxdb.admin.user, INFLUX_PASSWORD: s.influxdb.admin.password },
  });
  return stdout;
}

async function ftp<T>(dir: string, at: typeof A, run: (c: Client) => Promise<T>): Promise<T> {
  const s = await secretsOf(dir);
  const client = new Client(20_000);
  try {
    await client.access({ host: at.address, port: 21, user: s.ftp.user, password: s.ftp.password, secure: true, secureOptions: { rejectUnauthorized: false } });
    return await run(client);
  } finally {
    client.close();
  }
}

/** A GET over TLS with the stack's self-signed certificate; the body, or an error naming the status. */
function httpsGet(url: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { rejectUnauthorized: false, timeout: 20_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`${url}: HTTP ${res.statusCode}`))));
      })
      .on('error', reject);
  });
}

let dirA: string;
let dirB: string;
let archive: string;
const token = `roundtrip-${Date.now()}`;
const media = randomBytes(300_000);
const ftpBytes = randomBytes(123_456);
let loadRows = 0;

beforeAll(async () => {
  dirA = await makeTempDir('backup-a');
  dirB = await makeTempDir('backup-b');
  archive = path.join(await makeTempDir('backup-file'), 'site.tar');
}, 60_000);

afterAll(async () => {
  for (const dir of [dirA, dirB]) {
    if (!dir) continue;
    await down(dir);
    await removeStackFromHost(dir);
  }
}, 300_000);

describe('local backup and restore', { timeout: 600_000 }, () => {
  it('backs up a live stack while a transactional load runs', async () => {
    const started = await up(dirA, A);
    expect(started.code, started.stdout + started.stderr).toBe(0);
    // The closing summary: URLs and logins.
    expect(started.stdout).toContain(`https://${A.address}/wordpress`);
    const conn = await db(dirA, A);
    try {
      await conn.query(
        "INSERT INTO wp_posts (post_author, post_date, post_date_gmt, post_content, post_title, post_excerpt, post_status, post_name, to_ping, pinged, post_modified, post_modified_gmt, post_content_filtered, post_type) VALUES (1, NOW(), NOW(), 'body', ?, '', 'publish', ?, '', '', NOW(), NOW(), '', 'post')",
        [token, token],
      );
      await conn.query('CREATE TABLE load_a (id INT PRIMARY KEY AUTO_INCREMENT, v INT) ENGINE=InnoDB');
      await conn.query('CREATE TABLE load_b (id INT PRIMARY KEY AUTO_INCREMENT, v INT) ENGINE=InnoDB');
    } finally {
      await conn.end();
    }
    const uploads = path.join(dirA, 'wordpress-uploads', '2026', '12');
    await mkdir(uploads, { recursive: true });
    await writeFile(path.join(uploads, `${token}.jpg`), media);
    await ftp(dirA, A, (c) => c.uploadFrom(Readable.from(ftpBytes), `${token}.bin`));
    const s = await secretsOf(dirA);
    await influx(dirA, A, `INSERT roundtrip,case=a value=42i`, s.influxdb.db);

    // A load: every transaction adds one row to each of two tables, so a consistent snapshot has
    // as many rows in one as in the other.
    const loader = await db(dirA, A);
    let stop = false;
    const load = (async () => {
      while (!stop) {
        await loader.beginTransaction();
        await loader.query('INSERT INTO load_a (v) VALUES (1)');
        await loader.query('INSERT INTO load_b (v) VALUES (1)');
        await loader.commit();
        loadRows += 1;
      }
    })();
    try {
      while (loadRows < 20) await new Promise((r) => setTimeout(r, 50));
      const res = await cli(['local', 'backup', archive, '--state-dir', dirA]);
      expect(res.code, res.stdout + res.stderr).toBe(0);
      expect(res.stdout).toMatch(/backup written: .*site\.tar \(.+, sha256 [0-9a-f]{64}\)/);
    } finally {
      stop = true;
      await load;
      await loader.end();
    }
    expect((await stat(archive)).size).toBeGreaterThan(media.length);
    // The secrets are not in the archive unless asked for.
    const listing = (await exec('tar', ['-tf', archive])).stdout;
    expect(listing).not.toContain('secrets');
  });

  it('restores into a fresh state dir on another address: every item, byte for byte', async () => {
    await down(dirA);
    await removeStackFromHost(dirA);
    const res = await cli(['local', 'restore', archive, '--state-dir', dirB, '--address', B.address, '--internal-address', B.internal]);
    expect(res.code, res.stdout + res.stderr).toBe(0);
    const conn = await db(dirB, B);
    try {
      const [posts] = await conn.query<mysql.RowDataPacket[]>('SELECT post_title FROM wp_posts WHERE post_title = ?', [token]);
      expect(posts).toHaveLength(1);
      const [[a]] = await conn.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM load_a');
      const [[b]] = await conn.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM load_b');
      expect(Number(a?.n)).toBeGreaterThanOrEqual(20);
      expect(Number(a?.n)).toBe(Number(b?.n));
      const [[url]] = await conn.query<mysql.RowDataPacket[]>("SELECT option_value FROM wp_options WHERE option_name = 'siteurl'");
      expect(String(url?.option_value)).toContain(B.address);
    } finally {
      await conn.end();
    }
    expect(await readFile(path.join(dirB, 'wordpress-uploads', '2026', '12', `${token}.jpg`))).toEqual(media);
    // Owned by the web user (WordPress may replace or delete it), and served from the uploads
    // volume at the new address.
    const owner = (await stat(path.join(dirB, 'wordpress-uploads', '2026', '12', `${token}.jpg`))).uid;
    expect(owner).toBe((await stat(path.join(dirB, 'wordpress-uploads'))).uid);
    expect(owner).not.toBe(0);
    expect(await httpsGet(`https://${B.address}:5050/wp-content/uploads/2026/12/${token}.jpg`)).toEqual(media);
    const chunks: Buffer[] = [];
    await ftp(dirB, B, (c) =>
      c.downloadTo(
        new Writable({
          write(chunk: Buffer, _enc, done) {
            chunks.push(chunk);
            done();
          },
        }),
        `${token}.bin`,
      ),
    );
    expect(Buffer.concat(chunks)).toEqual(ftpBytes);
    const s = await secretsOf(dirB);
    expect(await influx(dirB, B, 'SELECT value FROM roundtrip', s.influxdb.db)).toMatch(/,42\s*$/m);
  });

  it('refuses a damaged archive and a restore over data without --force, changing nothing', async () => {
    const bytes = await readFile(archive);
    const damaged = `${archive}.damaged`;
    // One byte inside the MySQL part (past the manifest's 512-byte header and its content).
    const at = bytes.indexOf(Buffer.from('parts/mysql.sql.gz')) + 2048;
    bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    await writeFile(damaged, bytes);
    const refused = await cli(['local', 'restore', damaged, '--state-dir', dirB, '--address', B.address, '--internal-address', B.internal, '--force']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr + refused.stdout).toMatch(/damaged|truncated/);
    const over = await cli(['local', 'restore', archive, '--state-dir', dirB, '--address', B.address, '--internal-address', B.internal]);
    expect(over.code).not.toBe(0);
    expect(over.stderr + over.stdout).toContain('--force');
    // Still up, still the same data.
    const status = await cli(['local', 'status', '--state-dir', dirB, '--json']);
    expect((JSON.parse(status.stdout) as { supervisorPid: unknown }).supervisorPid).not.toBeNull();
    const conn = await db(dirB, B);
    try {
      const [posts] = await conn.query<mysql.RowDataPacket[]>('SELECT post_title FROM wp_posts WHERE post_title = ?', [token]);
      expect(posts).toHaveLength(1);
    } finally {
      await conn.end();
    }
  });
});
