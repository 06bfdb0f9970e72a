/** Facts derived from the config: the site URL and where the rendered wp-config lives. */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { bracketHost } from '@ft/php-site';

/** https://EXTERNAL_HOST:PORT, without the port when it is 443; no trailing slash (as WordPress stores it). */
export function siteUrl(externalHost: string, port: number): string {
  const host = bracketHost(externalHost);
  return port === 443 ? `https://${host}` : `https://${host}:${port}`;
}

/** The wp-config.php the agent renders (defines only; secrets inside, mode 0640). */
export function renderedConfigPath(runDir: string): string {
  return path.join(runDir, 'wordpress', 'wp-config.php');
}

/**
 * The WORDPRESS_CONFIG name Debian's loader turns into /etc/wordpress/config-<name>.php. One per
 * run dir, so several agents on one host (tests, the local mode) never read each other's file;
 * Debian accepts only [a-zA-Z0-9-] here.
 */
export function debianConfigName(runDir: string): string {
  return `ft-${createHash('sha256').update(path.resolve(runDir)).digest('hex').slice(0, 16)}`;
}

export function debianConfigFile(configDir: string, runDir: string): string {
  return path.join(configDir, `config-${debianConfigName(runDir)}.php`);
}
