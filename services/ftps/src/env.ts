/** The variables the ftps service reads (names fixed by services/README.md and issue 4). */
import { secret, vars, type EnvConfig, type ServiceContext } from '@ft/agent';
import type { FtpsPlatform } from './platform.js';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export const ftpsEnv = {
  /** the one account allowed in (`userlist_deny=NO`); lower-case letters, digits, `_ -` */
  FTP_USER: vars.loginUser(),
  // Set on the account at every start, so a changed Secret applies at the next restart.
  /** its password (>= 8 characters, one line), set on the account at every start */
  FTP_PASSWORD: secret(vars.password(8).regex(/^[^\r\n]*$/, 'expected a secret of at least 8 characters on one line')),
  /**
   * the volume and the user's jail (absolute path): root's, not writable by the user; its `files/` is the user's,
   * where sessions start
   */
  FTP_DATA_DIR: vars.dataDir().default('/var/lib/ftp'),
  /** control port; must lie outside the passive range */
  FTP_PORT: vars.port().default(21),
  /** first passive port: min <= max, at most 20 ports */
  FTP_PASV_MIN_PORT: vars.port().default(30000),
  /** last passive port */
  FTP_PASV_MAX_PORT: vars.port().default(30004),
  /** address in PASV replies (LB IP) and the self-signed certificate's name */
  EXTERNAL_HOST: vars.hostname(),
  /** IPv4 address only (vsftpd's `listen_address`) */
  LISTEN_HOST: vars.hostname().regex(IPV4, 'expected an IPv4 address such as 0.0.0.0').default('0.0.0.0'),
  /** PEM certificate; with `TLS_KEY` unset too, a self-signed RSA 2048 one is made at start */
  TLS_CERT: vars.pemCertificate().optional(),
  /** its PEM private key (>= 32 characters); give both or neither */
  TLS_KEY: vars.password(32).optional(),
};

export function isIpv4(host: string): boolean {
  return IPV4.test(host);
}

export type FtpsConfig = EnvConfig<typeof ftpsEnv>;
/** The context every part of the ftps service receives. */
export type FtpsContext = ServiceContext<FtpsConfig, FtpsPlatform>;
