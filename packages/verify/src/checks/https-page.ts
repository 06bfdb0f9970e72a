/** SPEC: 443 (TLS) serves a non-error page. */
import { CheckFailure } from '../errors.js';
import { type Check, excerpt, fetchRaw, origin } from './check.js';

export const httpsPage: Check = {
  name: 'https-page',
  group: 'http',
  title: ({ address, ports }) => `${origin('https', address, ports.https)}/ serves a page (TLS, 200)`,
  async run(ctx) {
    const url = `${origin('https', ctx.address, ctx.ports.https)}/`;
    const res = await fetchRaw(ctx, url);
    if (res.status !== 200) throw new CheckFailure('FT_VERIFY_STATUS', `GET ${url} answered ${res.status}, expected 200: ${excerpt(res.body)}`);
    if (res.body.trim().length === 0) throw new CheckFailure('FT_VERIFY_CONTENT', `GET ${url} answered 200 with an empty page`);
    return `200 over ${res.tls}, ${res.body.length} bytes`;
  },
};
