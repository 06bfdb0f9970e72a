/** The checks every php site runs: its public page over TLS and php-fpm's ping. */
import { httpCheck, type CheckSpec } from '@ft/agent';
import { probeHost, urlHost } from './paths.js';
import { statusUrls, type PhpSiteContext } from './site-context.js';

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
    probe: httpCheck({
      url,
      insecureTls: true,
      bodyContains: options.bodyContains,
      ...(options.expectStatus !== undefined ? { expectStatus: options.expectStatus } : {}),
    }),
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
