/** The wordpress container's collectors: php-site's (its nginx and php-fpm status), nothing of its own. */
import type { Collector } from '@ft/agent';
import { phpSiteCollectors } from '@ft/php-site';
import type { WordPressContext } from './env.js';

export function wordpressCollectors(ctx: WordPressContext): Collector[] {
  return phpSiteCollectors(ctx);
}
