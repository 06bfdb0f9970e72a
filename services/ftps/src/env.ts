/** The variables the ftps service reads (names fixed by services/README.md and issue 4). */
import { secret, vars, type EnvConfig, type ServiceContext } from '@ft/agent';
import type { FtpsPlatform } from './platform.js';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export const ftpsEnv = {
  /** The one account that may log in; created as a local system user if missing. */
  FTP_USER: vars.loginUser(),
  /** Set on the account at every start, so a changed Secret applies at the next restart. */
  FTP_PASSWORD: secret(vars.password(8).regex(/^[^\r\n]*$/, 'expected a secret of at least 8 characters on one line')),
  /** The user's files (the volume); the FTP root '/' after login. */
  FTP_DATA_DIR: vars.dataDir().default('/var/lib/ftp'),
  FTP_PORT: vars.port().default(21),
  /** Passive ports: a small contiguous range, every one of them listed on the Kubernetes Service. */
  FTP_PASV_MIN_PORT: vars.port().default(30000),
  FTP_PASV_MAX_PORT: vars.port().default(30004),
  /** The address passive replies advertise: the load balancer's IP as clients see it. */
  EXTERNAL_HOST: vars.hostname(),
  /** vsftpd's listen_address takes an IPv4 address only. */
  LISTEN_HOST: vars.hostname().regex(IPV4, 'expected an IPv4 address such as 0.0.0.0').default('0.0.0.0'),
  /** PEM text (or TLS_CERT_FILE / TLS_KEY_FILE); unset: a self-signed RSA certificate is made at start. */
  TLS_CERT: vars.pemCertificate().optional(),
  TLS_KEY: vars.password(32).optional(),
};

export function isIpv4(host: string): boolean {
  return IPV4.test(host);
}

export type FtpsConfig = EnvConfig<typeof ftpsEnv>;
/** The context every part of the ftps service receives. */
export type FtpsContext = ServiceContext<FtpsConfig, FtpsPlatform>;
