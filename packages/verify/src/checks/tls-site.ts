/** SPEC: WordPress (5050) and phpMyAdmin (5000) each answer over TLS with their own page. */
import { CheckFailure } from '../errors.js';
import { hasLoginForm } from '../phpmyadmin-login.js';
import type { TargetPorts } from '../types.js';
import { type Check, excerpt, fetchRaw, origin } from './check.js';

function tlsSite(name: 'wordpress-tls' | 'phpmyadmin-tls', port: 'wordpress' | 'phpmyadmin', what: string, looksRight: (body: string) => boolean): Check {
  const url = (address: string, ports: TargetPorts): string => `${origin('https', address, ports[port])}/`;
  return {
    name,
    group: port,
    title: ({ address, ports }) => `${url(address, ports)} answers over TLS with ${what}`,
    async run(ctx) {
      const target = url(ctx.address, ctx.ports);
      const res = await fetchRaw(ctx, target);
      if (res.status !== 200) throw new CheckFailure('FT_VERIFY_STATUS', `GET ${target} answered ${res.status}, expected 200: ${excerpt(res.body)}`);
      if (!looksRight(res.body)) throw new CheckFailure('FT_VERIFY_CONTENT', `GET ${target} is not ${what}: ${excerpt(res.body)}`);
      return `200 over ${res.tls}, ${what}`;
    },
  };
}

export const wordpressTls = tlsSite('wordpress-tls', 'wordpress', "WordPress's front page", (body) => /wp-content|wp-includes/.test(body));
export const phpmyadminTls = tlsSite('phpmyadmin-tls', 'phpmyadmin', "phpMyAdmin's login page", (body) => body.includes('phpMyAdmin') && hasLoginForm(body));
