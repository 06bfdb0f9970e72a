/**
 * Performance settings of the WordPress container (README "Tuning"): php-fpm's pool size, the
 * php.ini values given to php-fpm's master, and where nginx keeps its page micro-cache.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { vars, type InitStep } from '@ft/agent';
import { webUserDirsStep, type PhpSiteContext } from '@ft/php-site';

export const tuningEnv = {
  // php-fpm workers (pm = static). 4 fits a ~256 MB container: each WordPress worker keeps about 10-20 MB of its own
  // (opcache is shared) with a 256 MB ceiling per request, beside ~60 MB of agent, nginx and opcache; and 4 already
  // saturate one CPU while some wait on MySQL.
  /** php-fpm workers (`pm = static`, 1-256); see "Tuning" */
  PHP_FPM_MAX_CHILDREN: vars.int(1, 256).default(4),
};

/**
 * Given to php-fpm's master as `-d` (sized at startup; a pool's php_admin_value would not resize
 * them). The code never changes while php-fpm runs: the image's is root-owned with file mods
 * disallowed, Debian's changes only with a package upgrade, and the agent renders wp-config.php
 * before php-fpm starts; so timestamps are never checked (a restart reloads everything).
 */
export const PHP_INI = {
  'opcache.enable': 1,
  // WordPress 6.x core + a block theme compile to ~25 MB; room for plugins and the admin pages.
  'opcache.memory_consumption': 64,
  'opcache.interned_strings_buffer': 16,
  // Core has ~1,900 PHP files; 10000 (a 16229-slot table) leaves room for plugins.
  'opcache.max_accelerated_files': 10000,
  'opcache.validate_timestamps': 0,
  // Resolved paths are as stable as the code: keep them for 10 minutes instead of 2.
  realpath_cache_size: '4096K',
  realpath_cache_ttl: 600,
} as const;

/** nginx's fastcgi_cache_path: under the run dir, owned by the web user (cache manager and workers). */
export function pageCacheDir(runDir: string): string {
  return path.join(runDir, 'nginx', 'page-cache');
}

/**
 * Empties the page cache left by a previous start (stale pages must not outlive a restart: with
 * `fastcgi_cache_use_stale updating` nginx would serve one of them once), then makes it again.
 */
export function pageCacheStep(ctx: PhpSiteContext): InitStep[] {
  const dir = pageCacheDir(ctx.agent.AGENT_RUN_DIR);
  return [{ name: 'page cache (emptied)', run: () => rm(dir, { recursive: true, force: true }) }, webUserDirsStep(ctx, 'page cache directory', [dir], 0o700)];
}

export interface TuningTemplateVars {
  pageCacheDir: string;
  fpmMaxChildren: number;
}

export function tuningTemplateVars(ctx: PhpSiteContext & { config: { PHP_FPM_MAX_CHILDREN: number } }): TuningTemplateVars {
  return { pageCacheDir: pageCacheDir(ctx.agent.AGENT_RUN_DIR), fpmMaxChildren: ctx.config.PHP_FPM_MAX_CHILDREN };
}
