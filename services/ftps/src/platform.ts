/** What differs between the image (Alpine, vsftpd 3.0.5) and a Debian host (vsftpd 3.0.3). Data only. */
import type { PlatformName } from '@ft/agent';

export interface FtpsPlatform {
  readonly [key: string]: string | readonly string[];
  readonly vsftpd: string;
  readonly secureChrootDir: string;
  readonly pamService: string;
  readonly addUser: readonly string[];
  readonly setHome: readonly string[];
}

export const platforms: Readonly<Record<PlatformName, FtpsPlatform>> = {
  alpine: {
    vsftpd: '/usr/sbin/vsftpd',
    /** Empty, root-owned directory vsftpd chroots its unprivileged helper into (made by the package). */
    secureChrootDir: '/usr/share/empty',
    /** The image ships /etc/pam.d/vsftpd (conf/alpine/pam.d-vsftpd). */
    pamService: 'vsftpd',
    /**
     * Followed by the home directory and the user name: shadow's useradd and usermod (the image
     * installs `shadow`; busybox has no usermod). No login shell: PAM's base-auth does not ask for one.
     */
    addUser: ['useradd', '--no-create-home', '--shell', '/sbin/nologin', '--home-dir'],
    setHome: ['usermod', '--home'],
  },
  debian: {
    vsftpd: '/usr/sbin/vsftpd',
    secureChrootDir: '/var/run/vsftpd/empty',
    pamService: 'vsftpd',
    /** Debian's /etc/pam.d/vsftpd requires pam_shells: the shell must be listed in /etc/shells. */
    addUser: ['useradd', '--no-create-home', '--shell', '/bin/sh', '--home-dir'],
    setHome: ['usermod', '--home'],
  },
};
