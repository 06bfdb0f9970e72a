/** SPEC: every listed WordPress user logs in; the administrator reaches wp-admin. */
import { CheckFailure, unreachable } from '../errors.js';
import { loginError, wordpressLogin } from '../wordpress-login.js';
import { type Check, excerpt, origin, requestOptions } from './check.js';

export const wordpressLogins: Check = {
  name: 'wordpress-logins',
  group: 'wordpress',
  title: ({ address, ports }) => `every WordPress user logs in at ${origin('https', address, ports.wordpress)}; the administrator reaches wp-admin`,
  async run(ctx) {
    const site = origin('https', ctx.address, ctx.ports.wordpress);
    const users = ctx.secrets.wordpress.users;
    if (users.length === 0) throw new CheckFailure('FT_VERIFY_USAGE', 'the secrets list no WordPress user');
    if (!users.some((u) => u.role === 'administrator')) throw new CheckFailure('FT_VERIFY_USAGE', 'the secrets list no WordPress administrator');
    const refused: string[] = [];
    for (const user of users) {
      let login;
      try {
        login = await wordpressLogin(site, user.login, user.password, requestOptions(ctx));
      } catch (err) {
        throw unreachable(`logging in ${user.login} at ${site}/wp-login.php`, err);
      }
      if (!login.ok) {
        refused.push(`${user.login} (${user.role}): ${loginError(login.answer)}`);
        continue;
      }
      if (user.role === 'administrator') {
        const dashboard = await login.browser.get(`${site}/wp-admin/`).catch((err: unknown) => {
          throw unreachable(`${user.login} opening ${site}/wp-admin/`, err);
        });
        if (dashboard.status !== 200 || !dashboard.body.includes('Dashboard')) {
          throw new CheckFailure(
            'FT_VERIFY_CONTENT',
            `${user.login} (administrator) logged in but ${site}/wp-admin/ answered ${dashboard.status}: ${excerpt(dashboard.body)}`,
          );
        }
      }
    }
    if (refused.length > 0)
      throw new CheckFailure('FT_VERIFY_LOGIN_REFUSED', `WordPress refused ${refused.length} of ${users.length} users: ${refused.join('; ')}`);
    return `${users.length} users logged in (${users.map((u) => u.login).join(', ')}); the administrator sees wp-admin's Dashboard`;
  },
};
