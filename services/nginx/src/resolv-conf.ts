/**
 * nginx resolves a proxy_pass host held in a variable at request time, with its own resolver and
 * not the C library's: it needs the name servers written out, and it does not apply resolv.conf's
 * search list. Both come from /etc/resolv.conf, read when the agent starts.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';

export interface ResolvConf {
  nameservers: string[];
  search: string[];
}

export function parseResolvConf(text: string): ResolvConf {
  const nameservers: string[] = [];
  let search: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/[#;].*$/, '').trim();
    const [keyword, ...args] = line.split(/\s+/);
    if (keyword === 'nameserver' && args[0]) {
      // A zone index (fe80::1%eth0) is something nginx cannot parse.
      if (isIP(args[0]) && !args[0].includes('%')) nameservers.push(args[0]);
    } else if (keyword === 'search' || keyword === 'domain') {
      // The last search or domain line wins, as in the C library.
      search = args.filter((d) => d !== '' && d !== '.');
    }
  }
  return { nameservers, search };
}

export function readResolvConf(file = '/etc/resolv.conf'): ResolvConf {
  try {
    return parseResolvConf(readFileSync(file, 'utf8'));
  } catch {
    return { nameservers: [], search: [] };
  }
}

/** The `resolver` directive's addresses: IPv6 ones in brackets. Empty when there are none. */
export function nginxResolverAddresses(conf: ResolvConf): string {
  return conf.nameservers.map((ns) => (isIP(ns) === 6 ? `[${ns}]` : ns)).join(' ');
}
