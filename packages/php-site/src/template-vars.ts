/** What the templates of every php site receive (`site`), and the two templates every site has. */
import type { TemplateSpec } from '@ft/agent';
import { bracketHost, type PhpSitePaths } from './paths.js';
import { sitePaths, type PhpSiteContext } from './site-context.js';

/**
 * nginx's TLS settings for the public server of every php site: TLS 1.2 and 1.3 only, and only
 * suites with forward secrecy (ECDHE key exchange, AEAD ciphers). These are the ECDHE suites of
 * Mozilla's "intermediate" server-side TLS profile (wiki.mozilla.org/Security/Server_Side_TLS,
 * OpenSSL names as `openssl ciphers -v` prints them); DHE is left out, it would need a DH
 * parameter file. Every TLS 1.3 suite has forward secrecy; the list names the three OpenSSL
 * enables by default so that it is explicit (nginx's ssl_conf_command, nginx >= 1.19.4).
 */
export const TLS_SETTINGS = {
  protocols: 'TLSv1.2 TLSv1.3',
  ciphers: [
    'ECDHE-ECDSA-AES128-GCM-SHA256',
    'ECDHE-RSA-AES128-GCM-SHA256',
    'ECDHE-ECDSA-AES256-GCM-SHA384',
    'ECDHE-RSA-AES256-GCM-SHA384',
    'ECDHE-ECDSA-CHACHA20-POLY1305',
    'ECDHE-RSA-CHACHA20-POLY1305',
  ].join(':'),
  ciphersuites: ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'].join(':'),
} as const;

/**
 * `site` for the templates: every path of PhpSitePaths plus the listen address (`listenHost` as
 * given, `listenAddress` bracketed for IPv6, for nginx's `listen`) and the status port. Spread into
 * a definition's templateVars: `templateVars: (ctx) => ({ ...phpSiteTemplateVars(ctx) })`.
 */
export function phpSiteTemplateVars(ctx: PhpSiteContext): { site: PhpSiteTemplateSite } {
  return {
    site: {
      ...sitePaths(ctx),
      listenHost: ctx.config.LISTEN_HOST,
      listenAddress: bracketHost(ctx.config.LISTEN_HOST),
      statusPort: ctx.config.STATUS_PORT,
      tls: TLS_SETTINGS,
    },
  };
}

export type PhpSiteTemplateSite = PhpSitePaths & { listenHost: string; listenAddress: string; statusPort: number; tls: typeof TLS_SETTINGS };

/**
 * The service's nginx.conf and php-fpm.conf templates (every php site has both, under these names),
 * rendered to the paths the processes read. A service adds its own files after them.
 */
export function phpSiteTemplates(ctx: PhpSiteContext): TemplateSpec[] {
  const paths = sitePaths(ctx);
  return [
    { source: 'nginx.conf', target: paths.nginxConf },
    { source: 'php-fpm.conf', target: paths.phpFpmConf },
  ];
}
