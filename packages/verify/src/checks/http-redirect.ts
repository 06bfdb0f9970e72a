/** SPEC: port 80 answers every request with 301 to https://, same host, same path (and query). */
import { CheckFailure } from '../errors.js';
import { type Check, fetchRaw, origin } from './check.js';

/** A bare root, a deep path with a query, and the two paths users type. */
const PATHS = ['/', '/some/path?q=1', '/wordpress', '/phpmyadmin/'];

export const httpRedirect: Check = {
  name: 'http-redirect',
  group: 'http',
  title: ({ address, ports }) => `${origin('http', address, ports.http)}/ answers 301 to ${origin('https', address, ports.https)}/, same path`,
  async run(ctx) {
    const from = origin('http', ctx.address, ctx.ports.http);
    // nginx redirects to https on its standard port: the client then types no port.
    const to = `https://${ctx.address}${ctx.ports.https === 443 ? '' : `:${ctx.ports.https}`}`;
    for (const path of PATHS) {
      const res = await fetchRaw(ctx, `${from}${path}`, path);
      if (res.status !== 301) throw new CheckFailure('FT_VERIFY_STATUS', `GET ${from}${path} answered ${res.status}, expected 301 to ${to}${path}`);
      if (res.headers.location !== `${to}${path}`) {
        throw new CheckFailure('FT_VERIFY_LOCATION', `GET ${from}${path} redirects to ${res.headers.location ?? '(no Location)'}, expected ${to}${path}`);
      }
    }
    return `301 to ${to} for ${PATHS.join(', ')}`;
  },
};
