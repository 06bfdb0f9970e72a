/**
 * The wordpress agent on real nginx + php-fpm + Debian's WordPress + MariaDB: install, seeding,
 * logins through wp-login.php, roles, idempotence, the site URL, crashes and metrics.
 */
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import mysql from 'mysql2/promise';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  Browser,
  freePort,
  startAgentProcess,
  startInfluxdb,
  startMariadb,
  waitUntil,
  type AgentProcess,
  type InfluxdbServer,
  type MariadbServer,
} from '@ft/testkit';
import { expectConfigExit } from '@ft/testkit/expect';
import { debianConfigFile, renderedConfigPath } from '../src/paths.js';
import { expectForwardSecretTls, expectRootWrittenDirs, expectWebUserReadsOnly, ownership, runAs } from '@ft/php-site/testing';
import { wordpressPlatforms } from '../src/platform.js';
import { BUNDLE, USERS, logIn, makeSalts, rawRequest, siteOf, uploadMedia, wordpressEnv } from './support.js';

let db: MariadbServer;
let influx: InfluxdbServer;
let conn: mysql.Connection;
const agents: AgentProcess[] = [];
const runDirs: string[] = [];
const salts = makeSalts();

async function start(overrides: Record<string, string | undefined> = {}): Promise<{ agent: AgentProcess; env: Record<string, string>; site: string }> {
  const env = await wordpressEnv(db, { ...salts, ...overrides });
  runDirs.push(env.AGENT_RUN_DIR ?? '');
  const agent = startAgentProcess(BUNDLE, env);
  agents.push(agent);
  return { agent, env, site: siteOf(env) };
}

async function snapshot(): Promise<unknown> {
  const [users] = await conn.query('SELECT * FROM wp_users ORDER BY ID');
  const [meta] = await conn.query('SELECT * FROM wp_usermeta ORDER BY umeta_id');
  return { users, meta };
}

async function option(name: string): Promise<string | undefined> {
  const [rows] = await conn.query<RowDataPacket[]>('SELECT option_value FROM wp_options WHERE option_name = ?', [name]);
  return rows[0]?.option_value as string | undefined;
}

function loggedInCookie(names: string[]): string | undefined {
  return names.find((n) => n.startsWith('wordpress_logged_in_'));
}

beforeAll(async () => {
  db = await startMariadb({ database: 'wordpress', user: 'wordpress', password: 'wp-db-Pass-1234' });
  influx = await startInfluxdb();
  await influx.createDatabase('metrics');
  conn = await mysql.createConnection({
    host: db.host,
    port: db.port,
    user: 'wordpress',
    password: 'wp-db-Pass-1234',
    database: 'wordpress',
    charset: 'utf8mb4_unicode_ci',
    dateStrings: true,
  });
});

afterEach(async () => {
  for (const agent of agents.splice(0)) await agent.stop();
});

afterAll(async () => {
  await conn?.end();
  await db?.stop();
  await influx?.destroy();
  for (const dir of runDirs) {
    await rm(debianConfigFile('/etc/wordpress', dir), { force: true });
    await rm(dir, { recursive: true, force: true });
  }
});

describe('wordpress on real daemons', () => {
  let site = '';
  let rowsAfterFirstStart: unknown;

  it('installs WordPress with its installer, seeds the users and becomes ready', async () => {
    const started = Date.now();
    const {
      agent,
      site: url,
      env,
    } = await start({
      AGENT_INFLUX_URL: influx.url,
      AGENT_INFLUX_USER: influx.adminUser,
      AGENT_INFLUX_PASSWORD: influx.adminPassword,
      AGENT_INFLUX_DB: 'metrics',
    });
    site = url;
    const runDir = env.AGENT_RUN_DIR ?? '';
    await agent.waitReady(120_000);
    console.log(`first start to ready (install + seed): ${Date.now() - started} ms`);
    expect(agent.lines.some((l) => l.msg === 'WordPress schema installed by its installer')).toBe(true);
    expect(await option('siteurl')).toBe(site);
    expect(await option('home')).toBe(site);

    // Every seeded user logs in through wp-login.php.
    for (const user of USERS) {
      const { answer, browser } = await logIn(site, user.login, user.password);
      expect(answer.status, `${user.login}: ${answer.body.slice(0, 300)}`).toBe(302);
      expect(loggedInCookie(browser.cookieNames()), user.login).toBeDefined();
    }

    // The administrator reaches the dashboard.
    const admin = await logIn(site, 'admin', USERS[0]!.password);
    const dashboard = await admin.browser.get(`${site}/wp-admin/`);
    expect(dashboard.status).toBe(200);
    expect(dashboard.body).toContain('Dashboard');
    const settings = await admin.browser.get(`${site}/wp-admin/options-general.php`);
    expect(settings.status).toBe(200);

    // The front end answers as is, not with a redirect to itself: PHP sees the port in the host.
    for (const path of ['/', '/?p=1']) {
      const page = await new Browser(new URL(site)).get(`${site}${path}`);
      expect(page.status, `${path} -> ${page.location ?? ''}`).toBe(200);
    }

    // A subscriber cannot open an admin-only page.
    const reader = await logIn(site, 'reader', USERS[3]!.password);
    const denied = await reader.browser.get(`${site}/wp-admin/options-general.php`);
    expect(denied.status).toBe(403);
    expect(denied.body).toContain('not allowed');

    // A wrong password is refused: no redirect, no logged-in cookie.
    const wrong = await logIn(site, 'admin', 'not-the-password');
    expect(wrong.answer.status).toBe(200);
    expect(wrong.answer.body).toMatch(/incorrect/i);
    expect(loggedInCookie(wrong.browser.cookieNames())).toBeUndefined();

    // Collectors wrote nginx and phpfpm points to InfluxDB.
    await waitUntil(
      async () =>
        (await influx.rows('SELECT count(requests) FROM nginx', 'metrics')).length > 0 &&
        (await influx.rows('SELECT count(accepted_conn) FROM phpfpm', 'metrics')).length > 0,
      30_000,
      'nginx and phpfpm points',
    );
    const nginx = await influx.rows("SELECT last(requests), last(active) FROM nginx WHERE service = 'wordpress'", 'metrics');
    const fpm = await influx.rows('SELECT last(accepted_conn), last(total_processes) FROM phpfpm', 'metrics');
    console.log(`nginx last requests/active: ${JSON.stringify(nginx[0])}, phpfpm accepted/total: ${JSON.stringify(fpm[0])}`);
    expect(Number(nginx[0]?.[1])).toBeGreaterThan(0);
    expect(Number(fpm[0]?.[1])).toBeGreaterThan(0);

    const healthz = await agent.get('/healthz');
    expect(healthz.status).toBe(200);
    // The rendered config holds secrets: the web user's alone. Debian's loader file points at it.
    const rendered = await stat(renderedConfigPath(runDir));
    expect(rendered.mode & 0o777).toBe(0o640);
    expect(rendered.uid).toBe(0); // root's, read by www-data's group
    expect(rendered.gid).toBe(33);
    expect(await readFile(debianConfigFile('/etc/wordpress', runDir), 'utf8')).toContain(renderedConfigPath(runDir));

    // Logins wrote session tokens; from here on only seeding could change these rows.
    rowsAfterFirstStart = await snapshot();
  });

  it('a second start installs nothing and seeds nothing: the rows are unchanged', async () => {
    const { agent } = await start();
    await agent.waitReady(120_000);
    expect(agent.lines.some((l) => l.msg === 'WordPress schema present')).toBe(true);
    expect(agent.lines.some((l) => l.msg === 'users: 0 created, 0 updated, 4 unchanged, 0 revoked')).toBe(true);
    expect(await snapshot()).toEqual(rowsAfterFirstStart);
  });

  it('follows a new site URL (another port, as a new LB address would be)', async () => {
    const { agent, site: moved } = await start();
    expect(moved).not.toBe(site);
    await agent.waitReady(120_000);
    expect(await option('siteurl')).toBe(moved);
    expect(await option('home')).toBe(moved);
    const { answer, browser } = await logIn(moved, 'zoe', USERS[1]!.password);
    expect(answer.status).toBe(302);
    expect(String(answer.headers.location)).toBe(`${moved}/wp-admin/`);
    expect((await browser.get(`${moved}/wp-admin/`)).status).toBe(200);
  });

  it('a changed password in the list replaces the hash: the new one logs in, the old one not', async () => {
    const changed = USERS.map((u) => (u.login === 'reader' ? { ...u, password: 'A-Newer-Pass-42' } : u));
    const { agent, site: url } = await start({ WORDPRESS_USERS: JSON.stringify(changed) });
    await agent.waitReady(120_000);
    expect(agent.lines.some((l) => l.msg === 'users: 0 created, 1 updated, 3 unchanged, 0 revoked')).toBe(true);
    expect((await logIn(url, 'reader', 'A-Newer-Pass-42')).answer.status).toBe(302);
    expect((await logIn(url, 'reader', USERS[3]!.password)).answer.status).toBe(200);
  });

  it('a user removed from the list can no longer log in, and comes back when listed again', async () => {
    const without = USERS.filter((u) => u.login !== 'zoe');
    const first = await start({ WORDPRESS_USERS: JSON.stringify(without) });
    await first.agent.waitReady(120_000);
    // (How many are updated depends on the list of the test before: only the revocation counts here.)
    expect(first.agent.lines.some((l) => /^users: \d+ created, \d+ updated, \d+ unchanged, 1 revoked$/.test(l.msg))).toBe(true);
    const refused = await logIn(first.site, 'zoe', USERS[1]!.password);
    expect(refused.answer.status).toBe(200);
    expect(loggedInCookie(refused.browser.cookieNames())).toBeUndefined();
    await first.agent.stop();
    const again = await start();
    await again.agent.waitReady(120_000);
    expect((await logIn(again.site, 'zoe', USERS[1]!.password)).answer.status).toBe(302);
  });
});

describe('hardening', () => {
  const contentDir = wordpressPlatforms.debian.contentDir;
  const uploads = path.join(os.tmpdir(), `ft-wp-uploads-${process.pid}-${Date.now()}`, 'uploads');
  let agent: AgentProcess;
  let env: Record<string, string>;
  let site = '';

  beforeAll(async () => {
    runDirs.push(path.dirname(uploads));
    // Not in `agents`: this one lives across the tests of this block.
    env = await wordpressEnv(db, { ...salts, WORDPRESS_UPLOADS_DIR: uploads });
    runDirs.push(env.AGENT_RUN_DIR ?? '');
    site = siteOf(env);
    agent = startAgentProcess(BUNDLE, env);
    await agent.waitReady(120_000);
  });

  afterAll(async () => {
    await agent?.stop();
  });

  it('refuses xmlrpc.php', async () => {
    const call = '<?xml version="1.0"?><methodCall><methodName>system.listMethods</methodName><params></params></methodCall>';
    expect((await rawRequest(`${site}/xmlrpc.php`, 'POST', { 'content-type': 'text/xml' }, Buffer.from(call))).status).toBe(403);
    expect((await rawRequest(`${site}/xmlrpc.php`, 'GET', {})).status).toBe(403);
  });

  it("wp-config.php is root's and only readable by the web user", async () => {
    const file = renderedConfigPath(env.AGENT_RUN_DIR ?? '');
    await expectWebUserReadsOnly(file);
  });

  it('writes its pid files, socket and php-fpm log in directories only root can write', async () => {
    await expectRootWrittenDirs(env.AGENT_RUN_DIR ?? '');
  });

  it('speaks TLS 1.2 and 1.3 with forward-secret AEAD suites only', async () => {
    await expectForwardSecretTls(Number(env.WORDPRESS_PORT));
  });

  it('the web user cannot write plugins, themes or anything else of wp-content but the uploads', async () => {
    for (const target of [`${contentDir}/plugins/ft-planted.php`, `${contentDir}/themes/ft-planted.php`, `${contentDir}/ft-planted.php`]) {
      expect(await runAs('www-data', ['touch', target]), target).not.toBe(0);
    }
    expect((await ownership(contentDir)).uid).toBe(0);
    expect(await readFile(renderedConfigPath(env.AGENT_RUN_DIR ?? ''), 'utf8')).toContain("define('DISALLOW_FILE_MODS', true);");
  });

  it('uploads go to WORDPRESS_UPLOADS_DIR and are served under /wp-content/uploads/; no script runs from there', async () => {
    const admin = USERS[0]!;
    const content = Buffer.from(`uploaded by the hardening test ${Date.now()}\n`);
    const media = await uploadMedia(site, admin.login, admin.password, 'ft-note.txt', content);
    const url = new URL(media.url);
    expect(url.pathname).toMatch(/^\/wp-content\/uploads\/\d{4}\/\d{2}\/ft-note(-\d+)?\.txt$/);
    const onDisk = path.join(uploads, url.pathname.replace('/wp-content/uploads/', ''));
    expect(await readFile(onDisk)).toEqual(content);
    const served = await rawRequest(media.url, 'GET', {});
    expect(served.status).toBe(200);
    expect(served.body).toBe(content.toString());
    // A script in the uploads (as a compromised upload would leave) is never run nor served.
    const script = path.join(uploads, 'ft-probe.php');
    await writeFile(script, '<?php echo "ran";');
    expect((await rawRequest(`${site}/wp-content/uploads/ft-probe.php`, 'GET', {})).status).toBe(403);
    await rm(script);
  });

  it('stops gracefully: php-fpm gets SIGQUIT (finishes its requests) and the agent exits 0', async () => {
    const exit = await agent.stop(20_000);
    expect(exit.code).toBe(0);
    const said = agent.raw.filter((l) => /Finishing \.\.\.|Terminating \.\.\./.test(l));
    expect(
      said.some((l) => l.includes('Finishing ...')),
      said.join('\n'),
    ).toBe(true);
    expect(said.some((l) => l.includes('Terminating ...'))).toBe(false);
  });

  it("WORDPRESS_PLUGINS_WRITABLE=true hands plugins and themes to the web user; without it they are root's again", async () => {
    const writable = await start({ WORDPRESS_PLUGINS_WRITABLE: 'true' });
    await writable.agent.waitReady(120_000);
    const planted = `${contentDir}/plugins/ft-writable-probe.txt`;
    expect(await runAs('www-data', ['touch', planted])).toBe(0);
    expect(await runAs('www-data', ['touch', `${contentDir}/ft-planted.php`])).not.toBe(0);
    expect(await readFile(renderedConfigPath(writable.env.AGENT_RUN_DIR ?? ''), 'utf8')).toContain("define('DISALLOW_FILE_MODS', false);");
    await writable.agent.stop();
    await rm(planted, { force: true });

    const locked = await start();
    await locked.agent.waitReady(120_000);
    expect(await runAs('www-data', ['touch', planted])).not.toBe(0);
    expect((await ownership(`${contentDir}/plugins`)).uid).toBe(0);
  });
});

describe('crashes', () => {
  it.each(['php-fpm', 'nginx'])('kill -9 of the %s master makes the agent exit 70', async (name) => {
    const { agent } = await start();
    await agent.waitReady(120_000);
    const pid = await agent.pidOf(name);
    expect(pid).toBeGreaterThan(1);
    const killed = Date.now();
    process.kill(pid, 'SIGKILL');
    const exit = await agent.exit;
    console.log(`${name} killed -> agent exit ${exit.code} after ${exit.at - killed} ms`);
    expect(exit.code).toBe(70);
    expect(agent.lines.some((l) => typeof l.msg === 'string' && l.msg.includes(`process ${name} killed by SIGKILL`))).toBe(true);
  });
});

describe('bad input', () => {
  it('a wrong database password: alive, not ready, says so without the password', async () => {
    const { agent } = await start({ WORDPRESS_DB_PASSWORD: 'Wrong-Secret-Value-77' });
    await waitUntil(async () => agent.lines.some((l) => typeof l.msg === 'string' && l.msg.startsWith('waiting for mysql')), 60_000, 'a waiting line');
    const line = agent.raw.find((l) => l.includes('waiting for mysql')) ?? '';
    expect(line).toMatch(/Access denied/);
    expect(agent.raw.join('\n')).not.toContain('Wrong-Secret-Value-77');
    // No crash loop: still running a few attempts later, alive but not ready, saying why.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(agent.child.exitCode).toBeNull();
    const ready = await agent.get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toContain('waiting for mysql');
    expect(ready.body).not.toContain('Wrong-Secret-Value-77');
    expect((await agent.get('/healthz')).status).toBe(200);
  });

  it('MySQL not up yet: waits alive and not ready, then becomes ready without a restart', async () => {
    const port = await freePort();
    const { agent, site: url } = await start({ MYSQL_PORT: String(port) });
    await waitUntil(async () => (await agent.get('/readyz')).body.includes('waiting for mysql'), 60_000, 'waiting for mysql');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(agent.child.exitCode).toBeNull();
    // MySQL "arrives": a TCP relay to the test server on the port the agent was given.
    const relay = net.createServer((client) => {
      const upstream = net.connect(db.port, db.host);
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => relay.listen(port, '127.0.0.1', resolve));
    try {
      await agent.waitReady(120_000);
      expect((await logIn(url, 'admin', USERS[0]!.password)).answer.status).toBe(302);
    } finally {
      await agent.stop();
      relay.close();
    }
  });

  it('MySQL gone after start: not ready, but alive past the liveness threshold, then ready again', async () => {
    // MySQL through a relay the test can cut, as a restart of the mysql pod would.
    const port = await freePort();
    const sockets = new Set<net.Socket>();
    const openRelay = async (): Promise<net.Server> => {
      const relay = net.createServer((client) => {
        const upstream = net.connect(db.port, db.host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
        }
        client.pipe(upstream).pipe(client);
        client.on('error', () => upstream.destroy());
        upstream.on('error', () => client.destroy());
      });
      await new Promise<void>((resolve) => relay.listen(port, '127.0.0.1', resolve));
      return relay;
    };
    let relay = await openRelay();
    const { agent } = await start({ MYSQL_PORT: String(port) });
    try {
      await agent.waitReady(120_000);
      relay.close();
      for (const s of sockets) s.destroy();
      await waitUntil(async () => (await agent.get('/readyz')).status === 503, 60_000, 'not ready without MySQL');
      // Three failed rounds of a liveness check (10 s apart) would fail /healthz: wait past them.
      await new Promise((resolve) => setTimeout(resolve, 35_000));
      expect((await agent.get('/readyz')).body).toContain('https');
      expect((await agent.get('/healthz')).status).toBe(200);
      expect(agent.child.exitCode).toBeNull();
      relay = await openRelay();
      await agent.waitReady(60_000);
    } finally {
      await agent.stop();
      relay.close();
      for (const s of sockets) s.destroy();
    }
  });

  it.each([
    ['missing WORDPRESS_DB_PASSWORD', { WORDPRESS_DB_PASSWORD: undefined }, /WORDPRESS_DB_PASSWORD: is not set/],
    ['a short salt', { WORDPRESS_AUTH_SALT: 'too-short' }, /WORDPRESS_AUTH_SALT: is malformed: expected a secret of at least 32/],
    [
      'a malformed user list',
      { WORDPRESS_USERS: JSON.stringify([USERS[0], { login: 'bob', email: 'bob@x.org', password: 'long-enough-1', role: 'boss' }]) },
      /WORDPRESS_USERS: is malformed: entry 1 \(login "bob"\), field "role": expected one of/,
    ],
    ['a missing EXTERNAL_HOST', { EXTERNAL_HOST: undefined }, /EXTERNAL_HOST: is not set/],
    ['no php-fpm workers', { PHP_FPM_MAX_CHILDREN: '0' }, /PHP_FPM_MAX_CHILDREN: is malformed: expected a whole number 1-256/],
  ])('%s -> exit 78 naming it', async (_what, overrides, message) => {
    // agentTestEnv drops the variables given as undefined.
    const env = await wordpressEnv({ port: await freePort(), password: 'x-db-password' }, overrides);
    runDirs.push(env.AGENT_RUN_DIR ?? '');
    const agent = startAgentProcess(BUNDLE, env);
    agents.push(agent);
    await expectConfigExit(agent, { says: message, secret: 'long-enough-1' });
  });
});
