/**
 * nginx's page micro-cache on the real agent (nginx + php-fpm + Debian's WordPress + MariaDB):
 * anonymous pages are stored and answered from the cache; a logged-in user, a POST, a commenter,
 * the dashboard and login, the REST API, unknown query strings and HTTP authentication always go
 * to PHP; an answer that sets a cookie is never stored. X-Cache-Status tells what nginx did.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, rmdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startAgentProcess, startMariadb, type AgentProcess, type MariadbServer } from '@ft/testkit';
import { debianConfigFile } from '../src/paths.js';
import { PHP_INI } from '../src/tuning.js';
import { runInPool } from './fastcgi.js';
import { BUNDLE, USERS, logIn, siteOf, wordpressEnv } from './support.js';

interface Answer {
  status: number;
  cache: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let db: MariadbServer;
let agent: AgentProcess;
let site = '';
let runDir = '';

/** One request without a cookie jar: method, headers and body exactly as given. */
function fetchPage(target: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const url = new URL(target, site);
  const headers: Record<string, string> = { 'user-agent': 'ft-services-test', ...options.headers };
  if (options.body !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    headers['content-length'] = String(Buffer.byteLength(options.body));
  }
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: options.method ?? 'GET', headers, rejectUnauthorized: false, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          cache: String(res.headers['x-cache-status'] ?? ''),
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.setTimeout(60_000, () => req.destroy(new Error(`${url.href}: timeout`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Anonymous GETs until the page is answered from the cache (the first fills it). */
async function cachedAnonymously(target: string): Promise<Answer> {
  const first = await fetchPage(target);
  expect(first.status, `${target}: ${first.body.slice(0, 200)}`).toBe(200);
  const second = await fetchPage(target);
  expect(second.cache, `${target} a second time`).toBe('HIT');
  return second;
}

beforeAll(async () => {
  db = await startMariadb({ database: 'wordpress', user: 'wordpress', password: 'wp-db-Pass-1234' });
  const env = await wordpressEnv(db);
  runDir = env.AGENT_RUN_DIR ?? '';
  site = siteOf(env);
  agent = startAgentProcess(BUNDLE, env);
  await agent.waitReady(180_000);
}, 240_000);

afterAll(async () => {
  await agent?.stop();
  await db?.stop();
  if (runDir) {
    await rm(debianConfigFile('/etc/wordpress', runDir), { force: true });
    await rm(runDir, { recursive: true, force: true });
  }
});

describe('page micro-cache', () => {
  it('an anonymous GET is stored: the first is a MISS, the second a HIT with the same page', async () => {
    // URLs nobody else asks for: WordPress's own loopback requests to the front page (cron's
    // site-health and https checks) may have filled it already.
    for (const target of ['/?p=1', '/?s=hello']) {
      const first = await fetchPage(target);
      expect(first.status).toBe(200);
      expect(first.cache, target).toBe('MISS');
      const second = await fetchPage(target);
      expect(second.cache, target).toBe('HIT');
      expect(second.body).toBe(first.body);
    }
    const front = await cachedAnonymously('/');
    expect(front.body).toContain('Hello world!');
  });

  it('a logged-in user is never served from the cache, sees their admin bar, and their page is not stored', async () => {
    const anonymous = await cachedAnonymously('/');
    expect(anonymous.body).not.toContain('wp-admin-bar');

    const { answer, browser } = await logIn(site, 'admin', USERS[0]!.password);
    expect(answer.status).toBe(302);
    for (const target of ['/', '/?p=1']) {
      const page = await browser.get(`${site}${target}`);
      expect(page.status).toBe(200);
      expect(page.headers['x-cache-status'], target).toBe('BYPASS');
      // What only a logged-in user sees: the logged-in body class and the admin bar's Log Out.
      expect(page.body, target).toMatch(/<body[^>]*class="[^"]*\blogged-in\b/);
      expect(page.body, target).toContain('wp-admin-bar-logout');
    }
    // A subscriber too (a role without the dashboard's menus).
    const reader = await logIn(site, 'reader', USERS[3]!.password);
    const readerPage = await reader.browser.get(`${site}/`);
    expect(readerPage.headers['x-cache-status']).toBe('BYPASS');
    expect(readerPage.body).toContain('wp-admin-bar-logout');

    // Anonymous readers still get the anonymous copy: the logged-in page was never stored.
    const after = await fetchPage('/');
    expect(['HIT', 'STALE', 'UPDATING', 'MISS', 'EXPIRED']).toContain(after.cache);
    expect(after.body).not.toContain('wp-admin-bar');
    expect(after.body).not.toMatch(/<body[^>]*class="[^"]*\blogged-in\b/);
  });

  it('a POST is never answered from the cache nor stored (the front page, a comment)', async () => {
    // nginx does not even look at the cache for a POST (no X-Cache-Status); the bypass rule is the
    // second guard. Neither a cached GET nor an earlier POST ever answers one.
    await cachedAnonymously('/');
    for (let i = 0; i < 3; i++) {
      const post = await fetchPage('/', { method: 'POST', body: 'x=1' });
      expect(post.status).toBe(200);
      expect(['', 'BYPASS'], `POST ${i + 1}`).toContain(post.cache);
    }

    // An anonymous comment: the POST goes to PHP, and from then on the commenter's cookies
    // (comment_author_*) keep them off the cache, as WordPress shows them their held comment.
    const commenter = new Browser(new URL(`${site}/`));
    const comment = await commenter.post(`${site}/wp-comments-post.php`, {
      comment_post_ID: '1',
      author: 'Ann Onymous',
      email: 'ann@ft.example',
      comment: `A comment ${randomBytes(4).toString('hex')}`,
      // WordPress sets the commenter's cookies only with their consent (the form's checkbox).
      'wp-comment-cookies-consent': 'yes',
    });
    expect(['', 'BYPASS']).toContain(String(comment.headers['x-cache-status'] ?? ''));
    expect(comment.status, comment.body.slice(0, 300)).toBe(302);
    expect(commenter.cookieNames().some((n) => n.startsWith('comment_author_'))).toBe(true);
    const held = await commenter.get(new URL(comment.location ?? '/', site));
    expect(held.headers['x-cache-status']).toBe('BYPASS');
    expect(held.body).toMatch(/awaiting moderation/i);
    expect((await commenter.get(`${site}/?p=1`)).headers['x-cache-status']).toBe('BYPASS');
    // Nobody else sees the held comment.
    expect((await fetchPage('/?p=1')).body).not.toMatch(/awaiting moderation/i);
  });

  it.each([
    ['the login page', '/wp-login.php', {}],
    ['the dashboard', '/wp-admin/', {}],
    ['the REST API by path', '/wp-json/', {}],
    ['the REST API by query', '/?rest_route=/', {}],
    ['a preview', '/?p=1&preview=true', {}],
    ['a reply link', '/?p=1&replytocom=1', {}],
    ['a protected post password cookie', '/?p=1', { cookie: 'wp-postpass_0123abcd=%24P%24Bxyz' }],
    ['a logged-in cookie alone', '/?p=1', { cookie: 'a=b; wordpress_logged_in_0123abcd=admin%7C1' }],
    ['HTTP authentication', '/?p=1', { authorization: 'Basic YWRtaW46eHh4' }],
  ])('%s (%s) goes to PHP every time', async (_what, target, headers) => {
    // The URL is cached for anonymous readers first where it can be.
    await fetchPage(target);
    await fetchPage(target);
    for (let i = 0; i < 2; i++) {
      const answer = await fetchPage(target, { headers });
      expect(answer.cache, `${target} ${JSON.stringify(headers)}`).toBe('BYPASS');
    }
  });

  it("WordPress's test cookie and public query variables stay cacheable; a HEAD never answers a GET", async () => {
    const withTestCookie = { headers: { cookie: 'wordpress_test_cookie=WP%20Cookie%20check' } };
    await fetchPage('/?cat=1&paged=1', withTestCookie);
    expect((await fetchPage('/?cat=1&paged=1', withTestCookie)).cache).toBe('HIT');

    // A HEAD answer has no body: it must never become the answer to a GET of the same URL.
    for (let i = 0; i < 2; i++) expect((await fetchPage('/?author=1', { method: 'HEAD' })).body).toBe('');
    const get = await fetchPage('/?author=1');
    expect(get.cache).toBe('MISS');
    expect(get.body.length).toBeGreaterThan(1000);
    const again = await fetchPage('/?author=1');
    expect(again.cache).toBe('HIT');
    expect(again.body).toBe(get.body);
  });

  it('an answer that sets a cookie is never stored', async () => {
    // A must-use plugin (the test's own, removed afterwards) sets a cookie when the request carries
    // its random token: Debian's WordPress reads must-use plugins from its WP_CONTENT_DIR.
    const token = randomBytes(12).toString('hex');
    const muDir = '/var/lib/wordpress/wp-content/mu-plugins';
    const created = await mkdir(muDir, { recursive: true });
    const plugin = path.join(muDir, `ft-cache-test-${token}.php`);
    await writeFile(
      plugin,
      `<?php\n// Written by services/wordpress/test/page-cache.test.ts; inert without its token.\n` +
        `if (($_SERVER['HTTP_X_FT_SET_COOKIE'] ?? '') === '${token}') { setcookie('ft_cache_probe', '1', 0, '/'); }\n`,
      { mode: 0o644 },
    );
    try {
      const probe = { headers: { 'x-ft-set-cookie': token } };
      for (let i = 0; i < 3; i++) {
        const answer = await fetchPage('/?page_id=2', probe);
        expect(answer.status).toBe(200);
        expect(String(answer.headers['set-cookie'] ?? '')).toContain('ft_cache_probe=1');
        expect(answer.cache, `request ${i + 1}`).toBe('MISS');
      }
      // The same URL without the cookie is stored: the rule is the Set-Cookie header itself.
      expect((await fetchPage('/?page_id=2')).cache).toBe('MISS');
      const stored = await fetchPage('/?page_id=2');
      expect(stored.cache).toBe('HIT');
      expect(stored.headers['set-cookie']).toBeUndefined();
    } finally {
      await rm(plugin, { force: true });
      if (created) await rmdir(muDir).catch(() => undefined);
    }
  });
});

describe('php-fpm tuning', () => {
  it('the workers run with the opcache and realpath settings of src/tuning.ts (given to the master as -d)', async () => {
    await fetchPage('/');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ft-opcache-'));
    try {
      await chmod(dir, 0o755);
      const script = path.join(dir, 'probe.php');
      await writeFile(
        script,
        `<?php $s = opcache_get_status(false); echo "\n", json_encode(['enabled' => $s['opcache_enabled'], 'memory' => $s['memory_usage']['used_memory'] + $s['memory_usage']['free_memory'] + $s['memory_usage']['wasted_memory'], 'interned' => $s['interned_strings_usage']['buffer_size'], 'keys' => $s['opcache_statistics']['max_cached_keys'], 'validate' => ini_get('opcache.validate_timestamps'), 'ttl' => ini_get('realpath_cache_ttl'), 'scripts' => $s['opcache_statistics']['num_cached_scripts']]);`,
        { mode: 0o644 },
      );
      const out = await runInPool(path.join(runDir, 'php-fpm', 'php-fpm.sock'), script);
      const status = JSON.parse(out.slice(out.lastIndexOf('\n') + 1)) as Record<string, unknown>;
      console.log(`opcache in the pool: ${JSON.stringify(status)}`);
      expect(status.enabled).toBe(true);
      // What the master allocated, not just what ini_get says.
      expect(status.memory).toBe(PHP_INI['opcache.memory_consumption'] * 1024 * 1024);
      expect(status.interned).toBe(PHP_INI['opcache.interned_strings_buffer'] * 1024 * 1024);
      // opcache rounds the key table up to the next prime of its list: 10000 -> 16229.
      expect(status.keys).toBe(16229);
      expect(status.validate).toBe('0');
      expect(status.ttl).toBe(String(PHP_INI.realpath_cache_ttl));
      expect(Number(status.scripts)).toBeGreaterThan(100);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
