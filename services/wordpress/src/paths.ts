/** Facts derived from the config: the site URL and where the rendered wp-config lives. */
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

export { debianConfigFile, debianConfigName } from './debian-config.js';
