/** The phpmyadmin container's collectors: php-site's (its nginx and php-fpm status), nothing of its own. */
import type { Collector } from '@ft/agent';
import { phpSiteCollectors } from '@ft/php-site';
import type { PhpmyadminContext } from './env.js';

export function phpmyadminCollectors(ctx: PhpmyadminContext): Collector[] {
  return phpSiteCollectors(ctx);
}
