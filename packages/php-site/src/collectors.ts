/** The metric collectors every php site runs, on its loopback status server. */
import { nginxStatusCollector, phpFpmStatusCollector, type Collector } from '@ft/agent';
import { statusUrls, type PhpSiteContext } from './site-context.js';

/** `nginx` (tag server = the service's name) and `phpfpm` (tag pool) from the status server. */
export function phpSiteCollectors(ctx: PhpSiteContext): Collector[] {
  const urls = statusUrls(ctx);
  return [nginxStatusCollector({ url: urls.nginx, server: ctx.service }), phpFpmStatusCollector({ url: urls.fpmStatus })];
}
