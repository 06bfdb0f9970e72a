/** The environment variables every nginx + php-fpm service reads, as a zod shape to spread. */
import { secret, vars } from '@ft/agent';
import { z } from 'zod';

/**
 * `statusPort` is the service's default STATUS_PORT (loopback status server of its nginx);
 * each service has its own so that all can run side by side on one host.
 */
export function phpSiteEnv(statusPort: number) {
  return {
    LISTEN_HOST: vars.hostname().default('0.0.0.0'),
    STATUS_PORT: vars.port().default(statusPort),
    /** PEM text (or TLS_*_FILE); both unset: a self-signed certificate is made at start. */
    TLS_CERT: vars.pemCertificate().optional(),
    TLS_KEY: secret(z.string({ error: 'expected a PEM private key' })).optional(),
    MYSQL_HOST: vars.hostname().default('mysql'),
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
