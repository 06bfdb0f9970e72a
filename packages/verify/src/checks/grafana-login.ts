/**
 * SPEC: Grafana answers on 3000 with its login page (no anonymous access) and, given the admin's
 * password, logs the admin in. HTTPS is SPEC's; plain http is accepted too and the report says
 * which one answered (the image moves to TLS, a deployment may still serve http).
 */
import { CheckFailure, unreachable } from '../errors.js';
import { request, type RawResponse } from '../http-request.js';
import { type Check, type CheckContext, excerpt, origin, requestOptions } from './check.js';

async function firstAnswering(ctx: CheckContext, path: string): Promise<{ base: string; res: RawResponse }> {
  const errors: string[] = [];
  for (const scheme of ['https', 'http'] as const) {
    const base = `${scheme}://${ctx.address}:${ctx.ports.grafana}`;
    try {
      return { base, res: await request(`${base}${path}`, requestOptions(ctx)) };
    } catch (err) {
      errors.push(unreachable(`${scheme}`, err).message);
      // Nothing listens at all: http would only say the same.
      if ((err as NodeJS.ErrnoException).code === 'ECONNREFUSED' || ctx.signal.aborted) break;
    }
  }
  throw new CheckFailure('FT_VERIFY_UNREACHABLE', `GET ${origin('https', ctx.address, ctx.ports.grafana)}${path}: ${errors.join('; ')}`);
}

export const grafanaLogin: Check = {
  name: 'grafana-login',
  group: 'grafana',
  title: ({ address, ports }) => `Grafana's login answers on ${address}:${ports.grafana} (https, or http reported)`,
  async run(ctx) {
    const { base, res } = await firstAnswering(ctx, '/login');
    if (res.status !== 200 || !/grafana/i.test(res.body)) {
      throw new CheckFailure(
        res.status === 200 ? 'FT_VERIFY_CONTENT' : 'FT_VERIFY_STATUS',
        `GET ${base}/login answered ${res.status}, not Grafana's login page: ${excerpt(res.body)}`,
      );
    }
    const over = res.tls ? `over ${res.tls}` : 'over plain http (SPEC asks for HTTPS)';
    const admin = ctx.secrets.grafana?.admin;
    if (!admin) return `login page ${over}; no admin password given, login not tried`;
    let login: RawResponse;
    try {
      login = await request(`${base}/login`, {
        ...requestOptions(ctx),
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: admin.user, password: admin.password }),
      });
    } catch (err) {
      throw unreachable(`POST ${base}/login`, err);
    }
    if (login.status !== 200)
      throw new CheckFailure('FT_VERIFY_LOGIN_REFUSED', `Grafana refused ${admin.user}'s login at ${base}/login: ${login.status} ${excerpt(login.body)}`);
    return `login page ${over}; ${admin.user} logged in`;
  },
};
