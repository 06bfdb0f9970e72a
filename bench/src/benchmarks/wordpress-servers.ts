/**
 * The servers benchmark 5 starts beside the local stack's WordPress: the "stock" nginx + php-fpm
 * pair (bench/src/fixtures/stock/) serving the same Debian WordPress and database, and the static
 * ceiling nginx. Every process started here is stopped by `stopAll`, also after a failure.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { Browser, type Page } from '@ft/testkit';

const PHP_FPM = '/usr/sbin/php-fpm8.2';
const NGINX = '/usr/sbin/nginx';

/** `{{name}}` replaced by values; a placeholder without a value is an error, not an empty string. */
export function renderFixture(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`fixture placeholder {{${name}}} has no value`);
    return String(value);
  });
}

/**
 * Debian's WordPress loader reads /etc/wordpress/config-<WORDPRESS_CONFIG>.php; the wordpress agent
 * writes one such file per run dir, requiring its rendered wp-config.php. Found by its content, so
 * the name's derivation stays the agent's business.
 */
export async function findDebianConfigName(agentRunDir: string, configDir = '/etc/wordpress'): Promise<string> {
  const wanted = path.join(agentRunDir, 'wordpress', 'wp-config.php');
  for (const file of await readdir(configDir)) {
    const m = /^config-(ft-[0-9a-f]+)\.php$/.exec(file);
    if (m && (await readFile(path.join(configDir, file), 'utf8')).includes(wanted)) return m[1] as string;
  }
  throw new Error(`no ${configDir}/config-ft-*.php requires ${wanted}`);
}

interface Started {
  name: string;
  child: ChildProcess;
  output: string[];
  exited: Promise<void>;
}

export class BenchServers {
  private readonly started: Started[] = [];

  /** Starts a daemon in the foreground; its output is kept (last lines) for error messages. */
  start(name: string, argv: string[]): Started {
    const [command, ...args] = argv;
    const child = spawn(command as string, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    const keep = (d: Buffer): void => {
      output.push(...d.toString().split('\n').filter(Boolean));
      if (output.length > 40) output.splice(0, output.length - 40);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const exited = new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.once('error', (err) => {
        output.push(String(err));
        resolve();
      });
    });
    const entry = { name, child, output, exited };
    this.started.push(entry);
    return entry;
  }

  /** Waits until `probe` passes; fails at once (with the daemon's output) if the daemon exits. */
  async waitReady(entry: Started, probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (entry.child.exitCode !== null || entry.child.signalCode !== null) {
        throw new Error(`${entry.name} exited (${entry.child.exitCode ?? entry.child.signalCode}):\n${entry.output.join('\n')}`);
      }
      if (await probe().catch(() => false)) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${entry.name} not ready after ${timeoutMs} ms:\n${entry.output.join('\n')}`);
  }

  /** SIGTERM to each (last started first), SIGKILL after 10 s; waits for every exit. */
  async stopAll(): Promise<void> {
    for (const entry of this.started.splice(0).reverse()) {
      if (entry.child.exitCode !== null || entry.child.signalCode !== null) continue;
      entry.child.kill('SIGTERM');
      const timer = setTimeout(() => entry.child.kill('SIGKILL'), 10_000);
      await entry.exited;
      clearTimeout(timer);
    }
  }
}

export interface StockLayout {
  /** Where the rendered configs, socket, pid files and the static copy live. */
  runDir: string;
  address: string;
  stockPort: number;
  staticPort: number;
  tlsCert: string;
  tlsKey: string;
  /** WORDPRESS_CONFIG of the tuned site (Debian's loader), so both read the same wp-config.php. */
  wordpressConfig: string;
  /** host:port of the site URL, as WordPress must see it to render the same pages. */
  siteHost: string;
}

function unixSocketAccepts(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(socketPath);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Any HTTP answer over TLS (self-signed certificate accepted). */
async function httpsAnswers(url: string): Promise<boolean> {
  const page = await new Browser(new URL(url)).get(url);
  return page.status > 0;
}

/**
 * Renders the three fixtures into `layout.runDir`, writes the static copy of the front page, and
 * starts the stock php-fpm, the stock nginx and the static nginx, each ready before it returns.
 */
export async function startStockAndStatic(servers: BenchServers, fixtureDir: string, layout: StockLayout, frontPage: string): Promise<void> {
  const { runDir } = layout;
  await mkdir(path.join(runDir, 'static'), { recursive: true, mode: 0o755 });
  for (const tmp of ['tmp', 'static-tmp']) await mkdir(path.join(runDir, tmp), { recursive: true });
  await writeFile(path.join(runDir, 'static', 'index.html'), frontPage, { mode: 0o644 });
  const values = { ...layout, port: layout.stockPort };
  for (const [fixture, port] of [
    ['php-fpm.conf', layout.stockPort],
    ['nginx.conf', layout.stockPort],
    ['static-nginx.conf', layout.staticPort],
  ] as const) {
    const text = await readFile(path.join(fixtureDir, fixture), 'utf8');
    await writeFile(path.join(runDir, fixture), renderFixture(text, { ...values, port }));
  }

  const fpm = servers.start('stock php-fpm', [PHP_FPM, '--nodaemonize', '--force-stderr', '--fpm-config', path.join(runDir, 'php-fpm.conf')]);
  await servers.waitReady(fpm, () => unixSocketAccepts(path.join(runDir, 'php-fpm.sock')));
  const stock = servers.start('stock nginx', [NGINX, '-e', 'stderr', '-c', path.join(runDir, 'nginx.conf'), '-g', 'daemon off;']);
  await servers.waitReady(stock, () => httpsAnswers(`https://${layout.address}:${layout.stockPort}/`));
  const ceiling = servers.start('static nginx', [NGINX, '-e', 'stderr', '-c', path.join(runDir, 'static-nginx.conf'), '-g', 'daemon off;']);
  await servers.waitReady(ceiling, () => httpsAnswers(`https://${layout.address}:${layout.staticPort}/index.html`));
}

/** Logs in through wp-login.php as a browser does; returns the browser and its logged-in cookie. */
export async function logIn(site: string, login: string, password: string): Promise<{ browser: Browser; cookie: string }> {
  const browser = new Browser(new URL(`${site}/`));
  await browser.get(`${site}/wp-login.php`);
  browser.setCookie('wordpress_test_cookie', 'WP%20Cookie%20check');
  const answer = await browser.post(`${site}/wp-login.php`, {
    log: login,
    pwd: password,
    'wp-submit': 'Log In',
    redirect_to: `${site}/wp-admin/`,
    testcookie: '1',
  });
  const line = answer.setCookies.find((l) => l.startsWith('wordpress_logged_in_'));
  if (answer.status !== 302 || line === undefined) throw new Error(`logging in as ${login} answered ${answer.status}: ${answer.body.slice(0, 200)}`);
  return { browser, cookie: line.split(';')[0] as string };
}

/** Publishes a post through the REST API as the logged-in user; resolves with its id. */
export async function publishPost(browser: Browser, site: string, title: string, content: string): Promise<number> {
  const nonce = await browser.get(`${site}/wp-admin/admin-ajax.php?action=rest-nonce`);
  if (nonce.status !== 200) throw new Error(`no REST nonce: ${nonce.status}`);
  const answer: Page = await browser.post(`${site}/?rest_route=/wp/v2/posts&_wpnonce=${nonce.body.trim()}`, { title, content, status: 'publish' });
  if (answer.status !== 201) throw new Error(`creating a post answered ${answer.status}: ${answer.body.slice(0, 300)}`);
  return (JSON.parse(answer.body) as { id: number }).id;
}
