/** The wordpress container's checks: the login page over TLS (readiness) and php-fpm's ping. */
import type { CheckSpec } from '@ft/agent';
import { httpsPageCheck, phpFpmPingCheck } from '@ft/php-site';
import type { WordPressContext } from './env.js';

export function wordpressChecks(ctx: WordPressContext): CheckSpec[] {
  return [
    // The login page needs MySQL: while the database restarts WordPress is not ready, but it is
    // never restarted for it. Liveness rests on the daemons and php-fpm's ping through nginx.
    httpsPageCheck(ctx, { port: ctx.config.WORDPRESS_PORT, path: '/wp-login.php', bodyContains: 'user_login', scope: 'readiness' }),
    phpFpmPingCheck(ctx),
  ];
}
