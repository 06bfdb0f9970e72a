/** SPEC: https://IP/phpmyadmin/ is a reverse proxy to phpMyAdmin (its login page shows). */
import { CheckFailure } from '../errors.js';
import { hasLoginForm } from '../phpmyadmin-login.js';
import { type Check, excerpt, fetchRaw, origin } from './check.js';

export const phpmyadminProxy: Check = {
  name: 'phpmyadmin-proxy',
  group: 'http',
  title: ({ address, ports }) => `${origin('https', address, ports.https)}/phpmyadmin/ shows phpMyAdmin through nginx`,
  async run(ctx) {
    const url = `${origin('https', ctx.address, ctx.ports.https)}/phpmyadmin/`;
    const res = await fetchRaw(ctx, url);
    if (res.status !== 200)
      throw new CheckFailure('FT_VERIFY_STATUS', `GET ${url} answered ${res.status}, expected phpMyAdmin's login page (200): ${excerpt(res.body)}`);
    if (!res.body.includes('phpMyAdmin') || !hasLoginForm(res.body))
      throw new CheckFailure('FT_VERIFY_CONTENT', `GET ${url} is not phpMyAdmin's login page: ${excerpt(res.body)}`);
    return "200, phpMyAdmin's login form";
  },
};
