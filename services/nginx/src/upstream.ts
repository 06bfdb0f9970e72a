/**
 * The phpMyAdmin upstream as nginx will use it. proxy_pass takes it through a variable, so nginx
 * looks the name up per request instead of once at start: a phpmyadmin Service that does not
 * exist yet gives 502 on /phpmyadmin/ instead of an nginx that refuses to start.
 */
import { isIP } from 'node:net';
import { bracketHost } from '@ft/agent';
import type { ResolvConf } from './resolv-conf.js';

export interface Upstream {
  /** scheme://host:port as nginx connects to it. */
  origin: string;
  /** The host nginx resolves (qualified) and names in TLS SNI. */
  host: string;
  /** Host names the upstream may put in absolute Location headers (as given and as qualified). */
  aliases: string[];
  https: boolean;
}

export function resolveUpstream(url: string, resolv: ResolvConf): Upstream {
  const parsed = new URL(url);
  const https = parsed.protocol === 'https:';
  const given = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const host = qualify(given, resolv);
  const port = parsed.port || (https ? '443' : '80');
  return {
    origin: `${parsed.protocol}//${bracketHost(host)}:${port}`,
    host,
    aliases: [...new Set([given, host])],
    https,
  };
}

/**
 * nginx's resolver sends the name as it is: a bare Kubernetes Service name gets NXDOMAIN unless
 * it is qualified the way the C library would (first search domain, e.g. default.svc.cluster.local).
 * nginx does not read /etc/hosts either, so localhost becomes the loopback address.
 */
function qualify(host: string, resolv: ResolvConf): string {
  if (host === 'localhost') return '127.0.0.1';
  if (isIP(host) || host.includes('.')) return host;
  const domain = resolv.search[0];
  return domain ? `${host}.${domain}` : host;
}

/** host:port for a URL, the port left out when it is the scheme's default. */
export function authority(host: string, port: number, defaultPort = 443): string {
  return port === defaultPort ? bracketHost(host) : `${bracketHost(host)}:${port}`;
}

/** A PCRE alternation matching any of `hosts` literally (dots and brackets escaped). */
export function hostsPattern(hosts: readonly string[]): string {
  return [...new Set(hosts)].map((h) => bracketHost(h).replace(/[.[\]\\^$|?*+(){}]/g, '\\$&')).join('|');
}
