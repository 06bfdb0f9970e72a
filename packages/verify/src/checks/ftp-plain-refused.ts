/** SPEC: plain FTP refused: the right user and password without TLS must not log in. */
import { CheckFailure } from '../errors.js';
import { plainFtpLogin } from '../ftp-client.js';
import type { Check } from './check.js';

export const ftpPlainRefused: Check = {
  name: 'ftp-plain-refused',
  group: 'ftp',
  title: ({ address, ports }) => `plain FTP on ${address}:${ports.ftp} refuses the user's login`,
  async run(ctx) {
    const { user, password } = ctx.secrets.ftp;
    const { outcome, reply } = await plainFtpLogin({
      host: ctx.address,
      port: ctx.ports.ftp,
      user,
      password,
      signal: ctx.signal,
      timeoutMs: Math.max(1_000, Math.floor(ctx.timeoutMs / 2)),
    });
    if (outcome === 'accepted') throw new CheckFailure('FT_VERIFY_LOGIN_ACCEPTED', `a plain-FTP (no TLS) login as ${user} was accepted: ${reply}`);
    return `refused: ${reply}`;
  },
};
