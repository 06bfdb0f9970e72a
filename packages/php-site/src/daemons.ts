/**
 * The two daemons of every php site, php-fpm and nginx, with their readiness and graceful stop.
 * The service keeps its own nginx.conf and php-fpm pool template (locations differ).
 */
import { httpCheck, type ProcessSpec } from '@ft/agent';
import { sitePaths, statusUrls, type PhpSiteContext } from './site-context.js';
import { unixSocketCheck } from './unix-socket-check.js';

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
    if (!/^[a-z0-9_.]+$/i.test(name) || !/^[A-Za-z0-9_./-]*$/.test(text)) throw new Error(`php.ini define ${name}=${text}: not a plain name and value`);
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
