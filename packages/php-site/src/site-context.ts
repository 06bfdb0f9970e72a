/**
 * What every helper of this package takes: the context of any service whose config and profile
 * include ours, and the paths and status URLs derived from it.
 */
import type { ServiceContext } from '@ft/agent';
import type { PhpSiteConfig } from './env.js';
import { phpSitePaths, type PhpSitePaths } from './paths.js';
import type { PhpSitePlatform } from './platform.js';

/** The context every helper here takes: any service whose config and profile include ours. */
export type PhpSiteContext = ServiceContext<PhpSiteConfig, PhpSitePlatform>;

/** Paths under this agent's AGENT_RUN_DIR. */
export function sitePaths(ctx: PhpSiteContext): PhpSitePaths {
  return phpSitePaths(ctx.agent.AGENT_RUN_DIR);
}

/** Loopback status server of the service's nginx: stub_status, php-fpm status and ping. */
export function statusUrls(ctx: PhpSiteContext): { nginx: string; fpmStatus: string; fpmPing: string } {
  const base = `http://127.0.0.1:${ctx.config.STATUS_PORT}`;
  return { nginx: `${base}/nginx_status`, fpmStatus: `${base}/fpm-status`, fpmPing: `${base}/fpm-ping` };
}
