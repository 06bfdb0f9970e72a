/**
 * Debian's WordPress config include, in a module of its own with no imports of the service, so
 * that the local mode can remove what an agent left in /etc/wordpress without loading the service.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';

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
