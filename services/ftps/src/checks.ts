/** The container's check: a full FTPS client session against vsftpd. */
import { ftpsCheck, probeHost, type CheckSpec } from '@ft/agent';
import type { FtpsContext } from './env.js';

export function ftpsChecks(ctx: FtpsContext): CheckSpec[] {
  return [
    {
      // A full client session: TLS login and a listing over a TLS passive data connection.
      // Each run is one login in vsftpd's log, so it shows in the ftp logins total.
      name: 'ftps-login',
      probe: ftpsCheck({
        host: probeHost(ctx.config.LISTEN_HOST),
        port: ctx.config.FTP_PORT,
        user: ctx.config.FTP_USER,
        password: ctx.config.FTP_PASSWORD,
      }),
      intervalMs: 20_000,
      timeoutMs: 10_000,
    },
  ];
}
