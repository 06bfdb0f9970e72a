/** What differs between the image (Alpine, vsftpd 3.0.5) and a Debian host (vsftpd 3.0.3). Data only. */
import type { PlatformName } from '@ft/agent';

export interface FtpsPlatform {
  readonly [key: string]: string;
  readonly vsftpd: string;
  /** Empty, root-owned directory vsftpd chroots its unprivileged helper into. */
  readonly secureChrootDir: string;
  readonly pamService: string;
  /** Where the agent writes the PAM service (conf/debian/pam.d-vsftpd); empty: the image ships it. */
  readonly pamFile: string;
  /** The FTP user's shell, set at every start: never one that logs in. */
  readonly loginShell: string;
}

export const platforms: Readonly<Record<PlatformName, FtpsPlatform>> = {
  alpine: {
    vsftpd: '/usr/sbin/vsftpd',
    // Made by the package.
    secureChrootDir: '/usr/share/empty',
    // The image ships /etc/pam.d/vsftpd (conf/alpine/pam.d-vsftpd).
    pamService: 'vsftpd',
    pamFile: '',
    // None: PAM's base-auth does not ask for one.
    loginShell: '/sbin/nologin',
  },
  debian: {
    vsftpd: '/usr/sbin/vsftpd',
    secureChrootDir: '/var/run/vsftpd/empty',
    // Debian's /etc/pam.d/vsftpd requires pam_shells (a shell listed in /etc/shells, a login): the
    // agent writes a service of its own without it, so that the account needs no login shell.
    pamService: 'ft-vsftpd',
    pamFile: '/etc/pam.d/ft-vsftpd',
    loginShell: '/usr/sbin/nologin',
  },
};
