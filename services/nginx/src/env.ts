/** The variables the nginx container reads: public ports, the external address, the SSH user, TLS. */
import { z } from 'zod';
import { secret, vars, type EnvConfig, type ServiceContext } from '@ft/agent';
import type { NginxPlatform } from './platform.js';
import { parseAuthorizedKeys } from './authorized-keys.js';

/** chpasswd reads one "name:password" line: a line break would end the record early. */
const sshPassword = secret(
  z
    .string({ error: 'expected a password of at least 8 characters' })
    .min(8, 'expected a password of at least 8 characters')
    .regex(/^[^\r\n\0]*$/, 'expected a password on one line'),
);

const authorizedKeys = z.string({ error: 'expected authorized_keys lines' }).transform((text, ctx) => {
  const parsed = parseAuthorizedKeys(text);
  if ('problem' in parsed) {
    ctx.addIssue({ code: 'custom', message: parsed.problem });
    return z.NEVER;
  }
  return parsed.lines;
});

/** Only an origin: the proxied path comes from the request, so a path here would be ignored. */
const upstreamUrl = vars
  .url()
  .refine((u) => /^https?:$/.test(new URL(u).protocol), 'expected an http:// or https:// URL')
  .refine((u) => {
    const url = new URL(u);
    return url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  }, 'expected an origin only, such as https://phpmyadmin:5000 (no path, query or credentials)');

export const nginxEnv = {
  /** address clients use (LB IP): 307 target, certificate name, index page */
  EXTERNAL_HOST: vars.hostname(),
  /** where nginx and sshd listen */
  LISTEN_HOST: vars.hostname().default('0.0.0.0'),
  /** public port (301 to https) */
  HTTP_PORT: vars.port().default(80),
  /** public TLS port */
  HTTPS_PORT: vars.port().default(443),
  /** public port of sshd */
  SSH_PORT: vars.port().default(22),
  /** loopback stub_status server */
  STATUS_PORT: vars.port().default(8181),
  /** port of the `/wordpress` redirect */
  WORDPRESS_EXTERNAL_PORT: vars.port().default(5050),
  /** only shown on the index page */
  GRAFANA_EXTERNAL_PORT: vars.port().default(3000),
  /** only shown on the index page */
  FTPS_EXTERNAL_PORT: vars.port().default(21),
  /** origin (no path) `/phpmyadmin/` proxies to; a short name gets the first resolv.conf search domain */
  PHPMYADMIN_UPSTREAM: upstreamUrl.default('https://phpmyadmin:5000'),
  /** the one SSH user; not `root`, not an existing account with uid < 1000 */
  SSH_USER: vars.loginUser(),
  /** its password (>= 8 characters, one line); unset: password login is off */
  SSH_PASSWORD: sshPassword.optional(),
  /** authorized_keys lines (public keys only); at least one of password or keys is required */
  SSH_AUTHORIZED_KEYS: authorizedKeys.optional(),
  /** where host keys are kept (made when missing); default `$AGENT_RUN_DIR/ssh/host-keys` */
  SSH_HOST_KEY_DIR: vars.absolutePath().optional(),
  /** PEM certificate; with `TLS_KEY` unset too, a self-signed one is made at start */
  TLS_CERT: vars.pemCertificate().optional(),
  /** its PEM private key; give both or neither */
  TLS_KEY: vars.pemKey().optional(),
};

export type NginxConfig = EnvConfig<typeof nginxEnv>;
/** The context every part of the nginx service receives. */
export type NginxContext = ServiceContext<NginxConfig, NginxPlatform>;
