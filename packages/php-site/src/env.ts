/** The environment variables every nginx + php-fpm service reads, as a zod shape to spread. */
import { secret, vars } from '@ft/agent';
import { z } from 'zod';

/**
 * `statusPort` is the service's default STATUS_PORT (loopback status server of its nginx);
 * each service has its own so that all can run side by side on one host.
 */
export function phpSiteEnv(statusPort: number) {
  return {
    /** where nginx listens */
    LISTEN_HOST: vars.hostname().default('0.0.0.0'),
    /** loopback status server (`/nginx_status`, `/fpm-status`, `/fpm-ping`) */
    STATUS_PORT: vars.port().default(statusPort),
    /** PEM certificate (or `TLS_CERT_FILE`); with `TLS_KEY` unset too, a self-signed one is made at start */
    TLS_CERT: vars.pemCertificate().optional(),
    /** its PEM private key (or `TLS_KEY_FILE`); give both or neither (only one fails the TLS step, exit 70) */
    TLS_KEY: secret(z.string({ error: 'expected a PEM private key' })).optional(),
    /** the database server */
    MYSQL_HOST: vars.hostname().default('mysql'),
    /** its port */
    MYSQL_PORT: vars.port().default(3306),
  };
}

export type PhpSiteEnvShape = ReturnType<typeof phpSiteEnv>;

/** What the helpers of this package read from a service's config. */
export interface PhpSiteConfig {
  LISTEN_HOST: string;
  STATUS_PORT: number;
  TLS_CERT?: string | undefined;
  TLS_KEY?: string | undefined;
}
