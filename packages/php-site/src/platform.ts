/**
 * Where nginx and php-fpm live on each platform. Data only: a service spreads one of these into
 * its own profile (beside its web root) and its templates read the paths from `platform`.
 */

/** A `type` (not an interface) so it stays assignable to the agent's PlatformData. */
export type PhpSitePlatform = {
  /** php-fpm binary (run in the foreground with --fpm-config). */
  readonly phpFpm: string;
  /** PHP CLI, for installers and one-off scripts. */
  readonly php: string;
  readonly nginx: string;
  /** nginx workers and php-fpm workers run as this user; it owns the sockets and writable dirs. */
  readonly webUser: string;
  /** For `include` in nginx.conf. */
  readonly nginxMimeTypes: string;
  readonly nginxFastcgiParams: string;
};

// Typed as plain strings (not `as const`) so that services can spread both into one profile type.
export const phpSitePlatforms: { readonly alpine: PhpSitePlatform; readonly debian: PhpSitePlatform } = {
  /** Alpine v3.24, PHP 8.4 (ALPINE.md): php84-fpm, nginx. */
  alpine: {
    phpFpm: '/usr/sbin/php-fpm84',
    php: '/usr/bin/php84',
    nginx: '/usr/sbin/nginx',
    webUser: 'nginx',
    nginxMimeTypes: '/etc/nginx/mime.types',
    nginxFastcgiParams: '/etc/nginx/fastcgi_params',
  },
  /** Debian 12 (tests, local mode): php8.2-fpm, nginx. */
  debian: {
    phpFpm: '/usr/sbin/php-fpm8.2',
    php: '/usr/bin/php8.2',
    nginx: '/usr/sbin/nginx',
    webUser: 'www-data',
    nginxMimeTypes: '/etc/nginx/mime.types',
    nginxFastcgiParams: '/etc/nginx/fastcgi_params',
  },
};
