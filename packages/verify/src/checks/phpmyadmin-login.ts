/**
 * SPEC: log in to phpMyAdmin (as the WordPress database account), on 5000 and through nginx's
 * /phpmyadmin/ proxy, and browse: the start page of the session names the user.
 */
import { CheckFailure } from '../errors.js';
import { phpmyadminLogin } from '../phpmyadmin-login.js';
import { type Check, origin, requestOptions } from './check.js';

export const phpmyadminLoginCheck: Check = {
  name: 'phpmyadmin-login',
  group: 'phpmyadmin',
  title: ({ address, ports }) =>
    `phpMyAdmin logs in at ${origin('https', address, ports.phpmyadmin)}/ and ${origin('https', address, ports.https)}/phpmyadmin/`,
  async run(ctx) {
    const { dbUser, dbPassword } = ctx.secrets.wordpress;
    const bases = [`${origin('https', ctx.address, ctx.ports.phpmyadmin)}/`, `${origin('https', ctx.address, ctx.ports.https)}/phpmyadmin/`];
    for (const base of bases) {
      let session;
      try {
        session = await phpmyadminLogin(base, dbUser, dbPassword, requestOptions(ctx));
      } catch (err) {
        const message = (err as Error).message;
        const code = /answered 200/.test(message)
          ? 'FT_VERIFY_LOGIN_REFUSED'
          : /no login form|answered/.test(message)
            ? 'FT_VERIFY_CONTENT'
            : 'FT_VERIFY_UNREACHABLE';
        throw new CheckFailure(code, `${base}: ${message}`, { cause: err });
      }
      const expected = new URL(base);
      // Through the proxy every page must stay under /phpmyadmin/ on the same origin.
      if (session.home.url.origin !== expected.origin || !session.home.url.pathname.startsWith(expected.pathname)) {
        throw new CheckFailure('FT_VERIFY_LOCATION', `${base}: after the login phpMyAdmin sent the browser to ${session.home.url.href}`);
      }
      if (session.home.status !== 200 || !session.home.body.includes(`${dbUser}@`)) {
        throw new CheckFailure('FT_VERIFY_CONTENT', `${base}: the page after the login (${session.home.status}) does not show ${dbUser}@ as logged in`);
      }
    }
    return `${dbUser} logged in at ${bases.join(' and ')}`;
  },
};
