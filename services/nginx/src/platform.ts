/** What differs between the image (Alpine) and the Debian hosts of the tests and the local mode. Data only. */
import type { PlatformName } from '@ft/agent';

export type NginxPlatform = {
  nginx: string;
  /** nginx's worker user; the master stays root to bind 80 and 443. */
  webUser: string;
  sshd: string;
  sshKeygen: string;
  /** sshd's compiled-in privilege separation directory, which sshd does not create. */
  privsepDir: string;
  /** Debian's sshd is built with PAM; Alpine's openssh-server is not (and warns about UsePAM). */
  usePam: boolean;
  /** Creates the SSH user with a home directory; the name is appended. */
  addUser: readonly string[];
  /** sshd knows PerSourcePenalties (OpenSSH 9.8+: Alpine's 10.x does, Debian 12's 9.2 refuses the options). */
  sshdPerSourcePenalties: boolean;
};

export const platforms: Record<PlatformName, NginxPlatform> = {
  alpine: {
    nginx: '/usr/sbin/nginx',
    webUser: 'nginx',
    sshd: '/usr/sbin/sshd',
    sshKeygen: '/usr/bin/ssh-keygen',
    privsepDir: '/var/empty',
    usePam: false,
    // busybox adduser: -D leaves the password unset (locked), set right after by chpasswd.
    addUser: ['adduser', '-D', '-s', '/bin/sh'],
    sshdPerSourcePenalties: true,
  },
  debian: {
    nginx: '/usr/sbin/nginx',
    webUser: 'www-data',
    sshd: '/usr/sbin/sshd',
    sshKeygen: '/usr/bin/ssh-keygen',
    privsepDir: '/run/sshd',
    usePam: true,
    addUser: ['useradd', '--create-home', '--shell', '/bin/bash'],
    sshdPerSourcePenalties: false,
  },
};
