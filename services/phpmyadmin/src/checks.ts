/** The phpmyadmin container's checks: the login page over TLS, php-fpm's ping, MySQL reachable (readiness). */
import { tcpCheck, type CheckSpec } from '@ft/agent';
import { httpsPageCheck, phpFpmPingCheck } from '@ft/php-site';
import type { PhpmyadminContext } from './env.js';

export function phpmyadminChecks(ctx: PhpmyadminContext): CheckSpec[] {
  return [
    httpsPageCheck(ctx, { port: ctx.config.PHPMYADMIN_PORT, path: '/', bodyContains: 'pma_username', name: 'login-page' }),
    phpFpmPingCheck(ctx),
    // phpMyAdmin without its database still shows a login page but cannot log anyone in: not
    // ready, yet never restarted for it.
    { name: 'mysql', probe: tcpCheck({ host: ctx.config.MYSQL_HOST, port: ctx.config.MYSQL_PORT }), scope: 'readiness' },
  ];
}
