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
  /** The address clients use (the load balancer's IP): the 307 target and the certificate's name. */
  EXTERNAL_HOST: vars.hostname(),
  LISTEN_HOST: vars.hostname().default('0.0.0.0'),
  HTTP_PORT: vars.port().default(80),
  HTTPS_PORT: vars.port().default(443),
  SSH_PORT: vars.port().default(22),
  /** Loopback-only stub_status server read by the `nginx` collector. */
  STATUS_PORT: vars.port().default(8181),
  /** Where /wordpress sends browsers: WordPress's own port on the external address. */
  WORDPRESS_EXTERNAL_PORT: vars.port().default(5050),
  /** Only shown on the index page. */
  GRAFANA_EXTERNAL_PORT: vars.port().default(3000),
  FTPS_EXTERNAL_PORT: vars.port().default(21),
  /** What /phpmyadmin/ proxies to; a short name is qualified with the first resolv.conf search domain. */
  PHPMYADMIN_UPSTREAM: upstreamUrl.default('https://phpmyadmin:5000'),
  /** root, nobody and every other system account are refused (vars.loginUser). */
  SSH_USER: vars.loginUser(),
  SSH_PASSWORD: sshPassword.optional(),
  SSH_AUTHORIZED_KEYS: authorizedKeys.optional(),
  /** Host keys are kept here (made when missing); default: under AGENT_RUN_DIR, so new at each container start. */
  SSH_HOST_KEY_DIR: vars.absolutePath().optional(),
  TLS_CERT: vars.pemCertificate().optional(),
  TLS_KEY: vars.pemKey().optional(),
};

export type NginxConfig = EnvConfig<typeof nginxEnv>;
/** The context every part of the nginx service receives. */
export type NginxContext = ServiceContext<NginxConfig, NginxPlatform>;
