/** SPEC: FTPS upload and download of a file with an ordinary client, TLS forced. */
import { ftpsRoundTrip } from '../ftp-client.js';
import type { Check } from './check.js';

export const ftpsTransfer: Check = {
  name: 'ftps-transfer',
  group: 'ftp',
  title: ({ address, ports }) => `FTPS on ${address}:${ports.ftp}: upload and download with TLS forced (control and data)`,
  run: (ctx) =>
    ftpsRoundTrip({
      host: ctx.address,
      port: ctx.ports.ftp,
      user: ctx.secrets.ftp.user,
      password: ctx.secrets.ftp.password,
      signal: ctx.signal,
      timeoutMs: Math.max(1_000, Math.floor(ctx.timeoutMs / 2)),
    }),
};
