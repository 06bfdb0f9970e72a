/** What differs between the image (Alpine, vsftpd 3.0.5) and a Debian host (vsftpd 3.0.3). Data only. */
import type { PlatformName } from '@ft/agent';

export interface FtpsPlatform {
  readonly [key: string]: string;
  readonly vsftpd: string;
  /** Empty, root-owned directory vsftpd chroots its unprivileged helper into. */
  readonly secureChrootDir: string;
  readonly pamService: string;
  /** The login shell a new FTP user gets. */
  readonly loginShell: string;
}

export const platforms: Readonly<Record<PlatformName, FtpsPlatform>> = {
  alpine: {
    vsftpd: '/usr/sbin/vsftpd',
    // Made by the package.
    secureChrootDir: '/usr/share/empty',
    // The image ships /etc/pam.d/vsftpd (conf/alpine/pam.d-vsftpd).
    pamService: 'vsftpd',
    // None: PAM's base-auth does not ask for one.
    loginShell: '/sbin/nologin',
  },
  debian: {
    vsftpd: '/usr/sbin/vsftpd',
    secureChrootDir: '/var/run/vsftpd/empty',
    pamService: 'vsftpd',
    // Debian's /etc/pam.d/vsftpd requires pam_shells: the shell must be listed in /etc/shells.
    loginShell: '/bin/sh',
  },
};
