/**
 * SPEC.md checks 8 and 9 on the local stack: kill -9 each daemon of each service (as `pkill` in a
 * pod would) -> that service's agent exits, the launcher restarts it (its restart count rises by
 * exactly one) and it is ready again within 15 s, while every other service keeps running. Rows
 * acknowledged by MySQL and points acknowledged by InfluxDB before each kill are there after it;
 * a WordPress post made before MySQL's restart is on the site after it; WordPress and phpMyAdmin
 * log in again once MySQL is back.
 */
import { randomBytes } from 'node:crypto';
import type { RowDataPacket } from 'mysql2/promise';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import { Browser, waitUntil } from '@ft/testkit';
import { PHPMYADMIN, WORDPRESS, influxQuery, influxWrite, phpmyadminLogin, publishPost, wordpressDb, wordpressLogin } from './support/clients.js';
import { findDaemon, procInfo, serviceOf, activeServices, type StackStatus } from '@ft/stack';
import { readSecrets, userWithRole, type StackSecrets } from './support/secrets.js';
import { agentReadyz, allReady, readStatusFast } from './support/stack.js';

const { stateDir } = inject('stack');
const RECOVERY_LIMIT_S = 15;
/** After the killed service is back, how long a dependent service may take to be ready again. */
const SETTLE_MS = 60_000;
const POLL_MS = 200;

interface Kill {
  service: string;
  /** The daemon's name in the agent's /readyz. */
  process: string;
  /** The kernel's name for it (mariadbd may run as its mysqld link). */
  comm: RegExp;
}

/** Services interleaved, so no agent is killed twice in a row (the launcher's backoff grows then). */
const KILLS: Kill[] = [
  { service: 'nginx', process: 'nginx', comm: /^nginx$/ },
  { service: 'wordpress', process: 'nginx', comm: /^nginx$/ },
  { service: 'phpmyadmin', process: 'nginx', comm: /^nginx$/ },
  { service: 'ftps', process: 'vsftpd', comm: /^vsftpd$/ },
  { service: 'influxdb', process: 'influxd', comm: /^influxd$/ },
  { service: 'nginx', process: 'sshd', comm: /^sshd$/ },
  { service: 'wordpress', process: 'php-fpm', comm: /^php-fpm/ },
  { service: 'phpmyadmin', process: 'php-fpm', comm: /^php-fpm/ },
  { service: 'mysql', process: 'mariadbd', comm: /^(mariadbd|mysqld)$/ },
];

/** Who may be unready (never restarted) while a service is down: its clients' readiness checks. */
const DEPENDENTS: Record<string, string[]> = {
  mysql: ['wordpress', 'phpmyadmin'],
  influxdb: ['grafana'],
};

const MARK_TABLE = 'e2e_fault_marks';
const MARK_DB = 'e2e_faults';

let secrets: StackSecrets;
const recoveries: Array<{ kill: string; seconds: number; hostPid: number; comm: string }> = [];
let postId = 0;
const postTitle = `Written before a MySQL restart ${randomBytes(4).toString('hex')}`;

async function insertMark(tag: string): Promise<void> {
  const db = await wordpressDb(secrets);
  try {
    await db.query(`INSERT INTO ${MARK_TABLE} (tag) VALUES (?)`, [tag]);
  } finally {
    await db.end();
  }
}

async function marksInMysql(): Promise<string[]> {
  const db = await wordpressDb(secrets);
  try {
    const [rows] = await db.query<RowDataPacket[]>(`SELECT tag FROM ${MARK_TABLE} ORDER BY id`);
    return rows.map((r) => String(r.tag));
  } finally {
    await db.end();
  }
}

async function marksInInflux(): Promise<string[]> {
  const series = await influxQuery(secrets.influxdb.admin, MARK_DB, 'SELECT "value", "tag" FROM "mark"');
  return (series[0]?.values ?? []).map((v) => String(v[2]));
}

beforeAll(async () => {
  secrets = await readSecrets(stateDir);
  const db = await wordpressDb(secrets);
  try {
    await db.query(`DROP TABLE IF EXISTS ${MARK_TABLE}`);
    await db.query(`CREATE TABLE ${MARK_TABLE} (id INT AUTO_INCREMENT PRIMARY KEY, tag VARCHAR(100) NOT NULL) ENGINE=InnoDB`);
  } finally {
    await db.end();
  }
  await influxQuery(secrets.influxdb.admin, MARK_DB, `DROP DATABASE ${MARK_DB}`, 'POST');
  await influxQuery(secrets.influxdb.admin, MARK_DB, `CREATE DATABASE ${MARK_DB}`, 'POST');
});

afterAll(async () => {
  const rows = recoveries.map((r) => `${r.kill.padEnd(22)} ${r.seconds.toFixed(1).padStart(5)} s   (host pid ${r.hostPid}, ${r.comm})`);
  console.log(`recovery after kill -9 (until restarted and ready, limit ${RECOVERY_LIMIT_S} s):\n${rows.join('\n')}`);
  try {
    const db = await wordpressDb(secrets);
    await db.query(`DROP TABLE IF EXISTS ${MARK_TABLE}`);
    await db.end();
    await influxQuery(secrets.influxdb.admin, MARK_DB, `DROP DATABASE ${MARK_DB}`, 'POST');
  } catch (err) {
    console.log(`cleanup of the marks: ${String(err)}`);
  }
});

describe('kill -9 of each daemon', () => {
  beforeAll(async () => {
    await allReady(stateDir, 120_000);
  });

  it.each(KILLS.map((k) => [`${k.service}:${k.process}`, k] as const))('%s: restarted once, ready within 15 s, the others untouched', async (label, kill) => {
    const before = await allReady(stateDir, SETTLE_MS);
    const target = serviceOf(before, kill.service);
    // The state dir goes at the end of the run: say here what the service's log says about it.
    onTestFailed(async () => {
      const tail = await readFile(target.log, 'utf8').then(
        (t) => t.trimEnd().split('\n').slice(-40).join('\n'),
        (err: Error) => err.message,
      );
      console.log(`last 40 lines of ${target.log}:\n${tail}`);
    });
    const tag = `before ${label} ${Date.now()}`;
    // Acknowledged before the kill: must survive it (whichever service dies).
    await insertMark(tag);
    await influxWrite(secrets.influxdb.admin, MARK_DB, `mark,kill=${label.replace(/[:]/g, '_')} value=1,tag="${tag}" ${Date.now()}`);
    if (kill.service === 'mysql') {
      const admin = userWithRole(secrets, 'administrator');
      const login = await wordpressLogin(admin.login, admin.password);
      expect(login.ok).toBe(true);
      postId = await publishPost(login.browser, postTitle, 'This post was published before mariadbd was killed.');
    }

    const readyz = await agentReadyz(target.agentPort);
    const nsPid = readyz.processes.find((p) => p.name === kill.process)?.pid ?? undefined;
    const daemon = findDaemon(target.pid as number, { comm: kill.comm, nsPid });
    const killedAt = Date.now();
    process.kill(daemon.pid, 'SIGKILL');

    // Poll until the service is back; meanwhile, note any other service that restarts or goes unready.
    const allowed = new Set(DEPENDENTS[kill.service] ?? []);
    const trouble = new Set<string>();
    let after: StackStatus = before;
    await waitUntil(
      async () => {
        after = await readStatusFast(stateDir);
        for (const other of activeServices(after)) {
          if (other.name === kill.service) continue;
          if (other.restarts !== serviceOf(before, other.name).restarts) trouble.add(`${other.name} restarted`);
          if (other.state !== 'ready' && !allowed.has(other.name)) trouble.add(`${other.name} ${other.state}`);
        }
        const now = serviceOf(after, kill.service);
        return now.restarts > target.restarts && now.state === 'ready';
      },
      60_000,
      `${kill.service} restarted and ready`,
      POLL_MS,
    );
    const seconds = (Date.now() - killedAt) / 1_000;
    recoveries.push({ kill: label, seconds, hostPid: daemon.pid, comm: daemon.comm });
    console.log(`${label}: killed host pid ${daemon.pid} (${daemon.comm}, namespace pid ${nsPid ?? '?'}) -> ready again after ${seconds.toFixed(1)} s`);

    const now = serviceOf(after, kill.service);
    expect(now.restarts).toBe(target.restarts + 1);
    expect(now.lastExit, 'the exit of the agent whose daemon died').not.toBeNull();
    expect(procInfo(daemon.pid)?.comm === daemon.comm && procInfo(daemon.pid)?.startTicks === daemon.startTicks).toBe(false);
    expect(seconds).toBeLessThanOrEqual(RECOVERY_LIMIT_S);

    // Dependents come back by themselves, without a restart; nobody else was touched.
    const settled = await allReady(stateDir, SETTLE_MS);
    for (const other of activeServices(settled)) {
      if (other.name === kill.service) continue;
      expect(other.restarts, `${other.name} restarts`).toBe(serviceOf(before, other.name).restarts);
    }
    expect([...trouble]).toEqual([]);

    // What was acknowledged before the kill is there after it.
    expect(await marksInMysql()).toContain(tag);
    expect(await marksInInflux()).toContain(tag);
  });
});

describe('after MySQL came back', () => {
  it('every mark written before a kill is in MySQL and in InfluxDB', async () => {
    const mysqlMarks = await marksInMysql();
    const influxMarks = await marksInInflux();
    expect(mysqlMarks).toHaveLength(recoveries.length);
    expect(influxMarks.sort()).toEqual([...mysqlMarks].sort());
  });

  it('serves the post published before the restart (REST API, as any reader)', async () => {
    expect(postId).toBeGreaterThan(0);
    const answer = await new Browser(new URL(WORDPRESS)).get(`${WORDPRESS}/?rest_route=/wp/v2/posts/${postId}`);
    expect(answer.status).toBe(200);
    expect((JSON.parse(answer.body) as { title: { rendered: string } }).title.rendered).toBe(postTitle);
  });

  it('shows the post published before the restart on the front end', async () => {
    expect(postId).toBeGreaterThan(0);
    const page = await new Browser(new URL(WORDPRESS)).open(`${WORDPRESS}/?p=${postId}`);
    expect(page.status, `after redirects to ${page.url.href} (${page.location ?? ''})`).toBe(200);
    expect(page.body).toContain(postTitle);
  });

  it('logs in to WordPress and to phpMyAdmin', async () => {
    for (const role of ['administrator', 'subscriber'] as const) {
      const user = userWithRole(secrets, role);
      expect((await wordpressLogin(user.login, user.password)).ok, user.login).toBe(true);
    }
    const session = await phpmyadminLogin(PHPMYADMIN, secrets.wordpress.dbUser, secrets.wordpress.dbPassword);
    expect(session.home.body).toContain(`${secrets.wordpress.dbUser}@`);
  });
});
