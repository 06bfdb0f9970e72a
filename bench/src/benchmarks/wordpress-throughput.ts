/**
 * Benchmark 5, WordPress throughput: the anonymous front page and a post page at 32 connections
 * (wrk, 2 threads, 20 s; 5 s with --quick) through WordPress's own nginx (https, 5050) of the
 * local stack, against, in the same run, (a) a stock nginx + php-fpm serving the same WordPress and
 * database (bench/src/fixtures/stock/) and (b) nginx serving a static copy of the front page (the
 * ceiling). Also: a logged-in user's front page (uncached by design) on both, which shows what the
 * PHP tuning alone gives, and the tuned php-fpm workers' memory (the pool sizing's input).
 * Target: tuned >= 10x stock on anonymous pages, with a logged-in user still served uncached pages.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { portOf } from '@ft/platform';
import { Browser } from '@ft/testkit';
import { commOf, descendantsOf, parentOf } from '../support/proc.js';
import { percentile, round } from '../support/stats.js';
import { LocalStack, withStack } from '../support/stack.js';
import { runWrk, wrkErrorCount, type WrkReport } from '../support/wrk.js';
import type { BenchContext, BenchResult, Benchmark, Target } from '../types.js';
import { BenchServers, findDebianConfigName, logIn, publishPost, startStockAndStatic } from './wordpress-servers.js';

/** Helper W's addresses (bench-contracts.md): never the e2e stack's 127.0.0.2/.3 nor R's .8/.9. */
const ADDRESS = '127.0.0.10';
const INTERNAL_ADDRESS = '127.0.0.11';
const SITE_PORT = portOf('wordpress', 'https');
const STOCK_PORT = 5051;
const STATIC_PORT = 5052;
const CONNECTIONS = 32;
const TARGET_RATIO = 10;

interface Secrets {
  wordpress: { users: { login: string; password: string; role: string }[] };
}

/** `local up --services mysql,wordpress` (LocalStack.up starts all seven). */
function upMysqlAndWordPress(repoRoot: string, stateDir: string): Promise<void> {
  const argv = [
    path.join(repoRoot, 'tools/stack/dist/cli.js'),
    'local',
    'up',
    '--state-dir',
    stateDir,
    '--address',
    ADDRESS,
    '--internal-address',
    INTERNAL_ADDRESS,
    '--services',
    'mysql,wordpress',
    '--timeout',
    '300',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`local up exited ${code}:\n${output.trim().split('\n').slice(-30).join('\n')}`))));
  });
}

/** A post of a realistic length (~6 KB of text in paragraphs) for the post page. */
function postContent(): string {
  const sentence =
    'The platform serves WordPress through its own nginx and php-fpm, and this paragraph is here to give the post page a body of an ordinary length. ';
  return Array.from({ length: 12 }, (_, i) => `<!-- wp:paragraph --><p>${i + 1}. ${sentence.repeat(3)}</p><!-- /wp:paragraph -->`).join('\n');
}

/** The page must answer 200 itself (wrk counts a redirect as a success); `cookie` is one name=value. */
async function mustAnswer(url: string, contains: string, cookie?: string): Promise<{ body: string; cache: string }> {
  const browser = new Browser(new URL(url));
  if (cookie) browser.setCookie(cookie.slice(0, cookie.indexOf('=')), cookie.slice(cookie.indexOf('=') + 1));
  const page = await browser.get(url);
  if (page.status !== 200) throw new Error(`${url} answered ${page.status} ${page.location ?? ''}`);
  if (!page.body.includes(contains)) throw new Error(`${url} does not contain ${JSON.stringify(contains)}`);
  return { body: page.body, cache: String(page.headers['x-cache-status'] ?? '') };
}

/** Sequential requests before a measurement: opcache compiled, micro-cache filled, TLS warm. */
async function warm(url: string, count: number, cookie?: string): Promise<void> {
  for (let i = 0; i < count; i++) await mustAnswer(url, '</html>', cookie);
}

/** Median time of `count` one-at-a-time requests of each URL, alternating (robust to a busy machine). */
async function sequentialMedianMs(urls: readonly string[], count: number, cookie?: string): Promise<number[]> {
  const samples = urls.map(() => [] as number[]);
  for (let i = 0; i < count; i++) {
    for (const [n, url] of urls.entries()) {
      const started = performance.now();
      await mustAnswer(url, '</html>', cookie);
      samples[n]?.push(performance.now() - started);
    }
  }
  return samples.map((s) => percentile(s, 50));
}

function record(figures: BenchResult['figures'], key: string, report: WrkReport): void {
  figures[`${key}.rps`] = round(report.requestsPerS, 1);
  figures[`${key}.p50_ms`] = round(report.latencyMs.p50 ?? Number.NaN, 2);
  figures[`${key}.p99_ms`] = round(report.latencyMs.p99 ?? Number.NaN, 2);
  figures[`${key}.errors`] = wrkErrorCount(report);
  figures[`${key}.requests`] = report.requests;
}

/** Private and proportional memory of one process (smaps_rollup), MB. */
function memoryMb(pid: number): { rss: number; pss: number; private: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
    return { rss: kb('Rss') / 1024, pss: kb('Pss') / 1024, private: (kb('Private_Clean') + kb('Private_Dirty')) / 1024 };
  } catch {
    return undefined;
  }
}

/** The tuned php-fpm's workers: descendants of the wordpress agent named php-fpm* whose parent is also php-fpm. */
async function tunedFpmWorkers(stack: LocalStack): Promise<number[]> {
  const agentPid = (await stack.status()).services.find((s) => s.name === 'wordpress')?.pid;
  if (!agentPid) return [];
  return descendantsOf(agentPid).filter((pid) => commOf(pid)?.startsWith('php-fpm') && commOf(parentOf(pid) ?? 0)?.startsWith('php-fpm'));
}

export const benchmark: Benchmark = {
  name: 'wordpress-throughput',
  title: 'WordPress throughput: anonymous pages at 32 connections, tuned vs stock vs static',
  async run(ctx: BenchContext): Promise<BenchResult> {
    const durationS = ctx.quick ? 5 : 20;
    const stateDir = path.join(ctx.workDir, 'stack');
    const site = `https://${ADDRESS}:${SITE_PORT}`;
    const stock = `https://${ADDRESS}:${STOCK_PORT}`;
    const ceiling = `https://${ADDRESS}:${STATIC_PORT}`;
    const figures: BenchResult['figures'] = { connections: CONNECTIONS, duration_s: durationS };
    const targets: Target[] = [];
    const notes: string[] = [];

    return withStack({ repoRoot: ctx.repoRoot, stateDir, address: ADDRESS, internalAddress: INTERNAL_ADDRESS, upTimeoutS: 300 }, async (stack) => {
      const servers = new BenchServers();
      try {
        ctx.log(`local up --services mysql,wordpress on ${ADDRESS} / ${INTERNAL_ADDRESS}`);
        await upMysqlAndWordPress(ctx.repoRoot, stateDir);

        const secrets = JSON.parse(await readFile(path.join(stateDir, 'secrets.json'), 'utf8')) as Secrets;
        const admin = secrets.wordpress.users.find((u) => u.role === 'administrator');
        if (!admin) throw new Error('secrets.json lists no administrator');
        const { browser, cookie } = await logIn(site, admin.login, admin.password);
        const title = `Benchmark post ${new Date().toISOString()}`;
        const postId = await publishPost(browser, site, title, postContent());
        const front = '/';
        const post = `/?p=${postId}`;

        const frontPage = await mustAnswer(`${site}${front}`, '</html>');
        figures['front.bytes'] = Buffer.byteLength(frontPage.body);
        figures['post.bytes'] = Buffer.byteLength((await mustAnswer(`${site}${post}`, title)).body);

        await startStockAndStatic(
          servers,
          path.join(ctx.repoRoot, 'bench/src/fixtures/stock'),
          {
            runDir: path.join(ctx.workDir, 'stock'),
            address: ADDRESS,
            stockPort: STOCK_PORT,
            staticPort: STATIC_PORT,
            tlsCert: path.join(stateDir, 'tls/tls.crt'),
            tlsKey: path.join(stateDir, 'tls/tls.key'),
            wordpressConfig: await findDebianConfigName(path.join(stateDir, 'run', 'wordpress')),
            siteHost: `${ADDRESS}:${SITE_PORT}`,
          },
          frontPage.body,
        );
        ctx.log(`stock nginx + php-fpm on ${stock}, static ceiling on ${ceiling}`);

        // Same pages on both (the stock one has no cache header at all); the cache works on ours.
        await mustAnswer(`${stock}${front}`, '</html>');
        await mustAnswer(`${stock}${post}`, title);
        await warm(`${site}${front}`, 3);
        const hit = await mustAnswer(`${site}${front}`, '</html>');
        figures['front.tuned_cache_status'] = hit.cache;
        if (hit.cache !== 'HIT') notes.push(`the tuned front page answered X-Cache-Status ${hit.cache || '(none)'} after warming, not HIT`);

        // The logged-in user: never from the cache, and sees what only they see.
        const own = await mustAnswer(`${site}${front}`, 'wp-admin-bar-logout', cookie);
        figures['logged_in.tuned_cache_status'] = own.cache;
        const uncached = own.cache === 'BYPASS';
        targets.push({
          name: 'logged-in front page served uncached (X-Cache-Status BYPASS, admin bar shown)',
          limit: 'BYPASS',
          value: uncached ? 1 : 0,
          unit: 'bool',
          met: uncached,
        });

        const load = async (key: string, url: string, headers: string[] = []): Promise<WrkReport> => {
          ctx.log(`wrk -c${CONNECTIONS} -d${durationS}s ${key}: ${url}`);
          const report = await runWrk({ url, connections: CONNECTIONS, threads: 2, durationS, timeoutS: 10, headers });
          record(figures, key, report);
          ctx.log(
            `  ${key}: ${report.requestsPerS.toFixed(1)} req/s, p50 ${report.latencyMs.p50 ?? '?'} ms, p99 ${report.latencyMs.p99 ?? '?'} ms, errors ${wrkErrorCount(report)}`,
          );
          return report;
        };

        // Interleaved stock/tuned, so a drift of the shared machine hits both alike.
        const results: Record<string, WrkReport> = {};
        for (const [page, target] of [
          ['front', front],
          ['post', post],
        ] as const) {
          await warm(`${stock}${target}`, 5);
          results[`${page}.stock`] = await load(`${page}.stock`, `${stock}${target}`);
          await warm(`${site}${target}`, 3);
          results[`${page}.tuned`] = await load(`${page}.tuned`, `${site}${target}`);
        }
        await warm(`${ceiling}/index.html`, 3);
        results.static = await load('static', `${ceiling}/index.html`);

        // Logged in: both go to PHP on every request; the difference is opcache and the pool.
        await warm(`${stock}${front}`, 3, cookie);
        results['logged_in.stock'] = await load('logged_in.stock', `${stock}${front}`, [`Cookie: ${cookie}`]);
        await warm(`${site}${front}`, 3, cookie);
        results['logged_in.tuned'] = await load('logged_in.tuned', `${site}${front}`, [`Cookie: ${cookie}`]);
        // Right after the heaviest run (static workers keep what they touched).
        const memory = (await tunedFpmWorkers(stack)).map(memoryMb).filter((m) => m !== undefined);
        if (memory.length > 0) {
          figures['tuned.fpm_workers'] = memory.length;
          figures['tuned.fpm_worker_rss_mb_max'] = round(Math.max(...memory.map((m) => m.rss)), 1);
          figures['tuned.fpm_worker_private_mb_max'] = round(Math.max(...memory.map((m) => m.private)), 1);
          figures['tuned.fpm_worker_pss_mb_avg'] = round(memory.reduce((s, m) => s + m.pss, 0) / memory.length, 1);
        }

        // One request at a time: the PHP work itself, without the queueing of 32 connections.
        const [stockMs, tunedMs] = await sequentialMedianMs([`${stock}${front}`, `${site}${front}`], ctx.quick ? 5 : 15, cookie);
        figures['logged_in.stock.sequential_p50_ms'] = round(stockMs ?? Number.NaN, 1);
        figures['logged_in.tuned.sequential_p50_ms'] = round(tunedMs ?? Number.NaN, 1);

        const rps = (key: string): number => results[key]?.requestsPerS ?? Number.NaN;
        for (const page of ['front', 'post']) {
          const ratio = rps(`${page}.tuned`) / rps(`${page}.stock`);
          figures[`${page}.tuned_over_stock`] = round(ratio, 1);
          figures[`${page}.tuned_over_static`] = round(rps(`${page}.tuned`) / rps('static'), 2);
          const errors = wrkErrorCount(results[`${page}.tuned`] as WrkReport);
          targets.push({
            name: `${page === 'front' ? 'front page' : 'post page'}: tuned / stock req/s (anonymous, no errors)`,
            limit: `>= ${TARGET_RATIO}`,
            value: round(ratio, 1),
            unit: 'x',
            met: ratio >= TARGET_RATIO && errors === 0,
          });
        }
        figures['logged_in.tuned_over_stock'] = round(rps('logged_in.tuned') / rps('logged_in.stock'), 2);
        notes.push(
          `wrk (2 threads) runs on the same machine as nginx, php-fpm and MariaDB: the static and cached figures are bounded by the CPU wrk leaves them`,
          "stock = Debian's php-fpm pool defaults (dynamic, 5 children) and distro opcache, nginx with a plain fastcgi_pass; tuned = services/wordpress (fastcgi micro-cache 5 s, pm static, opcache -d settings)",
        );
        return { figures, targets, notes };
      } finally {
        await servers.stopAll();
      }
    });
  },
};
