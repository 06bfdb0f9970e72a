/** SPEC: https://IP/wordpress answers 307 to the WordPress site on port 5050 of the same IP, which answers. */
import { Browser } from '../browser.js';
import { CheckFailure, unreachable } from '../errors.js';
import { type Check, excerpt, fetchRaw, origin, requestOptions } from './check.js';

export const wordpressRedirect: Check = {
  name: 'wordpress-redirect',
  group: 'http',
  title: ({ address, ports }) => `${origin('https', address, ports.https)}/wordpress answers 307 to ${origin('https', address, ports.wordpress)}`,
  async run(ctx) {
    const url = `${origin('https', ctx.address, ctx.ports.https)}/wordpress`;
    const site = origin('https', ctx.address, ctx.ports.wordpress);
    const res = await fetchRaw(ctx, url);
    if (res.status !== 307) throw new CheckFailure('FT_VERIFY_STATUS', `GET ${url} answered ${res.status}, expected 307 to ${site}`);
    const location = res.headers.location ?? '';
    let target: URL;
    try {
      target = new URL(location);
    } catch {
      throw new CheckFailure('FT_VERIFY_LOCATION', `GET ${url} redirects to ${JSON.stringify(location)}, not an absolute URL on ${site}`);
    }
    if (target.origin !== site) throw new CheckFailure('FT_VERIFY_LOCATION', `GET ${url} redirects to ${location}, expected ${site}/...`);
    // Followed as a browser would: the site must answer there (its URL follows the address).
    let page;
    try {
      page = await new Browser(target, requestOptions(ctx)).open(target);
    } catch (err) {
      throw unreachable(`following the redirect to ${location}`, err);
    }
    if (page.status !== 200 || page.url.origin !== site || !/wp-content|wp-includes/.test(page.body)) {
      throw new CheckFailure(
        'FT_VERIFY_CONTENT',
        `following ${location} ended at ${page.url.href} with ${page.status}, not WordPress's page: ${excerpt(page.body)}`,
      );
    }
    return `307 to ${location}; WordPress answers there (200)`;
  },
};
