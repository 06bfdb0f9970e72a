/**
 * The parts of an nginx + php-fpm service that do not depend on what it serves: the two daemons,
 * their readiness, the checks, the collectors, the init steps and the template variables. The
 * service keeps its own nginx.conf and php-fpm pool template (locations differ) and reads paths
 * from `site` (these functions) and binaries from `platform` (phpSitePlatforms).
 */
import { chmod, chown, lstat, mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import {
  allowTraversal,
  httpCheck,
  lookupUser,
  nginxStatusCollector,
  phpFpmStatusCollector,
  tlsCertStep,
  type CheckSpec,
  type Collector,
  type InitStep,
  type ProcessSpec,
  type ServiceContext,
  type TemplateSpec,
} from '@ft/agent';
import type { PhpSiteConfig } from './env.js';
import { agentDirs, bracketHost, phpSitePaths, probeHost, urlHost, webUserDirs, type PhpSitePaths } from './paths.js';
import type { PhpSitePlatform } from './platform.js';
import { unixSocketCheck } from './unix-socket-check.js';

/** The context every helper here takes: any service whose config and profile include ours. */
export type PhpSiteContext = ServiceContext<PhpSiteConfig, PhpSitePlatform>;

/**
 * nginx's TLS settings for the public server of every php site: TLS 1.2 and 1.3 only, and only
 * suites with forward secrecy (ECDHE key exchange, AEAD ciphers). These are the ECDHE suites of
 * Mozilla's "intermediate" server-side TLS profile (wiki.mozilla.org/Security/Server_Side_TLS,
 * OpenSSL names as `openssl ciphers -v` prints them); DHE is left out, it would need a DH
 * parameter file. Every TLS 1.3 suite has forward secrecy; the list names the three OpenSSL
 * enables by default so that it is explicit (nginx's ssl_conf_command, nginx >= 1.19.4).
 */
export const TLS_SETTINGS = {
  protocols: 'TLSv1.2 TLSv1.3',
  ciphers: [
    'ECDHE-ECDSA-AES128-GCM-SHA256',
    'ECDHE-RSA-AES128-GCM-SHA256',
    'ECDHE-ECDSA-AES256-GCM-SHA384',
    'ECDHE-RSA-AES256-GCM-SHA384',
    'ECDHE-ECDSA-CHACHA20-POLY1305',
    'ECDHE-RSA-CHACHA20-POLY1305',
  ].join(':'),
  ciphersuites: ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'].join(':'),
} as const;

/** Paths under this agent's AGENT_RUN_DIR. */
export function sitePaths(ctx: PhpSiteContext): PhpSitePaths {
  return phpSitePaths(ctx.agent.AGENT_RUN_DIR);
}

/** Loopback status server of the service's nginx: stub_status, php-fpm status and ping. */
export function statusUrls(ctx: PhpSiteContext): { nginx: string; fpmStatus: string; fpmPing: string } {
  const base = `http://127.0.0.1:${ctx.config.STATUS_PORT}`;
  return { nginx: `${base}/nginx_status`, fpmStatus: `${base}/fpm-status`, fpmPing: `${base}/fpm-ping` };
}

/**
 * `site` for the templates: every path of PhpSitePaths plus the listen address (`listenHost` as
 * given, `listenAddress` bracketed for IPv6, for nginx's `listen`) and the status port. Spread into
 * a definition's templateVars: `templateVars: (ctx) => ({ ...phpSiteTemplateVars(ctx) })`.
 */
export function phpSiteTemplateVars(ctx: PhpSiteContext): { site: PhpSiteTemplateSite } {
  return {
    site: {
      ...sitePaths(ctx),
      listenHost: ctx.config.LISTEN_HOST,
      listenAddress: bracketHost(ctx.config.LISTEN_HOST),
      statusPort: ctx.config.STATUS_PORT,
      tls: TLS_SETTINGS,
    },
  };
}

export type PhpSiteTemplateSite = PhpSitePaths & { listenHost: string; listenAddress: string; statusPort: number; tls: typeof TLS_SETTINGS };

/** The owner to give a rendered file the web user must read (a secret, mode 0600): only root can chown. */
export function webUserOwner(ctx: PhpSiteContext): string | undefined {
  return process.getuid?.() === 0 ? ctx.platform.webUser : undefined;
}

/** uid and gid of the web user when the agent is root (files and programs handed to it); else undefined. */
export function webUserAccount(ctx: PhpSiteContext): { uid: number; gid: number } | undefined {
  const owner = webUserOwner(ctx);
  return owner === undefined ? undefined : lookupUser(owner);
}

/**
 * The service's nginx.conf and php-fpm.conf templates (every php site has both, under these names),
 * rendered to the paths the processes read. A service adds its own files after them.
 */
export function phpSiteTemplates(ctx: PhpSiteContext): TemplateSpec[] {
  const paths = sitePaths(ctx);
  return [
    { source: 'nginx.conf', target: paths.nginxConf },
    { source: 'php-fpm.conf', target: paths.phpFpmConf },
  ];
}

export interface PhpFpmOptions {
  /**
   * php.ini settings given to the master as `-d name=value`, before PHP starts. The place for
   * PHP_INI_SYSTEM settings sized at startup (opcache's shared memory, its key table, interned
   * strings): a pool's `php_admin_value` for them is applied in each worker after the shared memory
   * exists, so `ini_get` shows the value while the old size stays in effect.
   */
  ini?: Readonly<Record<string, string | number>>;
}

/** `-d name=value` pairs; names and values must be plain tokens (they come from code, not users). */
export function phpIniArgs(ini: Readonly<Record<string, string | number>>): string[] {
  return Object.entries(ini).flatMap(([name, value]) => {
    const text = String(value);
    if (!/^[a-z0-9_.]+$/i.test(name) || !/^[A-Za-z0-9_.\/-]*$/.test(text)) throw new Error(`php.ini define ${name}=${text}: not a plain name and value`);
    return ['-d', `${name}=${text}`];
  });
}

/**
 * php-fpm in the foreground, stopped gracefully: SIGQUIT lets each worker finish its request
 * (bounded by the pool's process_control_timeout), where SIGTERM would cut them. master as the agent's user (root in the image) so that it can run
 * its workers as the pool's `user`; its own log lines go to stderr, which the agent captures.
 * Ready when its socket accepts connections.
 */
export function phpFpmProcess(ctx: PhpSiteContext, options: PhpFpmOptions = {}): ProcessSpec {
  const paths = sitePaths(ctx);
  return {
    name: 'php-fpm',
    argv: [ctx.platform.phpFpm, '--nodaemonize', '--force-stderr', ...phpIniArgs(options.ini ?? {}), '--fpm-config', paths.phpFpmConf],
    ready: { probe: unixSocketCheck(paths.phpFpmSocket), timeoutMs: 60_000, intervalMs: 200 },
    stopSignal: 'SIGQUIT',
  };
}

/**
 * nginx in the foreground (`daemon off;` is given here, so templates must not set `daemon`),
 * errors before the config is read go to stderr instead of /var/log/nginx; stopped with SIGQUIT
 * (graceful; bounded by the template's worker_shutdown_timeout). Master as the agent's
 * user; templates set `user {{platform.webUser}};` for the workers. Ready when the loopback status
 * server answers.
 */
export function nginxProcess(ctx: PhpSiteContext): ProcessSpec {
  const paths = sitePaths(ctx);
  return {
    name: 'nginx',
    argv: [ctx.platform.nginx, '-e', 'stderr', '-c', paths.nginxConf, '-g', 'daemon off;'],
    ready: { probe: httpCheck({ url: statusUrls(ctx).nginx, bodyContains: 'Active connections' }), timeoutMs: 60_000, intervalMs: 200 },
    // nginx's graceful shutdown (SIGTERM is its fast one): requests in flight are answered.
    stopSignal: 'SIGQUIT',
  };
}

/** Both daemons in start order: php-fpm first, so nginx never answers 502 while it starts. */
export function phpSiteProcesses(ctx: PhpSiteContext, options: PhpFpmOptions = {}): ProcessSpec[] {
  return [phpFpmProcess(ctx, options), nginxProcess(ctx)];
}

export interface HttpsPageOptions {
  /** The service's public TLS port. */
  port: number;
  /** Path of the page, e.g. '/' or '/wp-login.php'. */
  path: string;
  /** Text the page must contain. */
  bodyContains: string;
  /** Default 'https'. */
  name?: string;
  /** Default 200. */
  expectStatus?: number | readonly number[];
  intervalMs?: number;
  /** Default 'liveness'; 'readiness' for a page that needs the database (an outage must not restart us). */
  scope?: CheckSpec['scope'];
}

/** The public page over TLS, through nginx and php-fpm, accepting the self-signed certificate. */
export function httpsPageCheck(ctx: PhpSiteContext, options: HttpsPageOptions): CheckSpec {
  const url = `https://${urlHost(probeHost(ctx.config.LISTEN_HOST), options.port)}${options.path}`;
  return {
    name: options.name ?? 'https',
    probe: httpCheck({ url, insecureTls: true, bodyContains: options.bodyContains, ...(options.expectStatus !== undefined ? { expectStatus: options.expectStatus } : {}) }),
    ...(options.intervalMs !== undefined ? { intervalMs: options.intervalMs } : {}),
    ...(options.scope !== undefined ? { scope: options.scope } : {}),
  };
}

/** php-fpm answers its ping through the loopback status server ('pong'). */
export function phpFpmPingCheck(ctx: PhpSiteContext, intervalMs?: number): CheckSpec {
  return {
    name: 'php-fpm',
    probe: httpCheck({ url: statusUrls(ctx).fpmPing, bodyContains: 'pong' }),
    ...(intervalMs !== undefined ? { intervalMs } : {}),
  };
}

/** `nginx` (tag server = the service's name) and `phpfpm` (tag pool) from the status server. */
export function phpSiteCollectors(ctx: PhpSiteContext): Collector[] {
  const urls = statusUrls(ctx);
  return [nginxStatusCollector({ url: urls.nginx, server: ctx.service }), phpFpmStatusCollector({ url: urls.fpmStatus })];
}

export interface PhpSiteInitOptions {
  /** CN / subjectAltName of a self-signed certificate; default the host name. */
  commonName?: string;
}

/**
 * Run directories: the agent's own for what the root-run masters write (pid files, socket, logs,
 * the parents of nginx's temp dirs), web-user leaf dirs inside them for what the workers write
 * (php-fpm workers cannot create logs in root-owned dirs; nginx workers write temp files); then the
 * TLS certificate (given, kept or self-signed).
 */
export function phpSiteInitSteps(ctx: PhpSiteContext, options: PhpSiteInitOptions = {}): InitStep[] {
  const paths = sitePaths(ctx);
  return [
    { name: 'run directories', run: () => makeRunDirs(ctx, paths) },
    tlsCertStep({
      certPath: paths.tlsCert,
      keyPath: paths.tlsKey,
      certPem: ctx.config.TLS_CERT,
      keyPem: ctx.config.TLS_KEY,
      commonName: options.commonName ?? os.hostname(),
    }),
  ];
}

async function makeRunDirs(ctx: PhpSiteContext, paths: PhpSitePaths): Promise<void> {
  // The web user reaches the socket and its dirs through the run dir.
  await allowTraversal(ctx.agent.AGENT_RUN_DIR);
  for (const dir of agentDirs(paths)) await makeAgentDir(dir);
  await makeWebUserDirs(ctx, webUserDirs(paths), 0o750);
}

/**
 * A directory only the agent's user writes (0755: the workers traverse it). One left by an earlier
 * release or anyone else (another owner, group/other-writable, not a directory) is removed with
 * what it holds and made again: whatever the web user could have planted there (a symlink named
 * like a pid file) goes with it. rm does not follow symlinks.
 */
export async function makeAgentDir(dir: string): Promise<void> {
  const uid = process.getuid?.();
  const found = await lstat(dir).catch(() => undefined);
  if (found && (!found.isDirectory() || (uid !== undefined && found.uid !== uid) || (found.mode & 0o022) !== 0)) {
    await rm(dir, { recursive: true, force: true });
  }
  await mkdir(dir, { recursive: true, mode: 0o755 });
}

/**
 * A service's own directories its workers write (sessions, caches), made like php-site's: owned by
 * the web user when the agent is root. Run after phpSiteInitSteps, which opens the run dir to it.
 */
export function webUserDirsStep(ctx: PhpSiteContext, name: string, dirs: readonly string[], mode: number): InitStep {
  return { name, run: () => makeWebUserDirs(ctx, dirs, mode) };
}

/**
 * Secret files the workers must read but never change (a rendered wp-config.php, phpMyAdmin's
 * config): the agent's user owns them, the web user's group reads them (0640). Run after the
 * templates are written (init steps are). Not root (a developer's local mode): only the mode.
 */
export function webUserReadableStep(ctx: PhpSiteContext, name: string, files: readonly string[]): InitStep {
  return {
    name,
    async run() {
      const web = webUserAccount(ctx);
      for (const file of files) {
        if (web) await chown(file, process.getuid?.() ?? 0, web.gid);
        await chmod(file, 0o640);
      }
    },
  };
}

async function makeWebUserDirs(ctx: PhpSiteContext, dirs: readonly string[], mode: number): Promise<void> {
  const owner = webUserAccount(ctx);
  for (const dir of dirs) {
    await mkdir(dir, { recursive: true, mode });
    if (owner) await chown(dir, owner.uid, owner.gid);
  }
}
