/**
 * A real vsftpd for tests: local users through Debian's PAM service, explicit TLS required for
 * logins and data (as the ftps service requires), passive mode on a small loopback port range.
 * `tls: false` starts the same server without TLS, to prove a client refuses plain FTP.
 */
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { Daemon } from './daemon.js';
import { waitForDaemonPort } from './daemon-ready.js';
import { freePort } from './ports.js';
import { ensureSystemUser } from './system-user.js';
import { inTempDir, removeDir } from './temp-dir.js';
import { makeSelfSignedCert } from './tls-cert.js';

export interface VsftpdOptions {
  /** A local user (prefix `fttest`), created if missing. Default 'fttestftp'. */
  user?: string;
  /** Set on the user at every start. Default: random. */
  password?: string;
  /** Default true: TLS required for login and data. False: plain FTP only. */
  tls?: boolean;
  /** Size of the passive port range. Default 4. */
  pasvPorts?: number;
}

export interface VsftpdServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly pasvMin: number;
  readonly pasvMax: number;
  readonly user: string;
  readonly password: string;
  /** The user's FTP root ('/' once logged in: local_root, chrooted), owned by the user and writable. */
  readonly rootDir: string;
  readonly tls: boolean;
  /** The server's self-signed certificate, when tls. */
  readonly certFile: string | undefined;
  readonly configFile: string;
  readonly daemon: Daemon;
  /** Stops vsftpd and its session processes, removes the temp dir. Safe to call twice. */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
/** vsftpd chroots its unprivileged helper there; it must exist and be empty and root-owned. */
const SECURE_CHROOT_DIR = '/var/run/vsftpd/empty';

export async function startVsftpd(options: VsftpdOptions = {}): Promise<VsftpdServer> {
  const tls = options.tls ?? true;
  const password = options.password ?? randomBytes(12).toString('hex');
  const account = await ensureSystemUser(options.user ?? 'fttestftp', password);
  await mkdir(SECURE_CHROOT_DIR, { recursive: true, mode: 0o755 });

  return inTempDir('vsftpd', async (dir) => {
    // Logged-in sessions run as the user and must reach rootDir: open the temp dir for traversal,
    // keep the key in a root-only subdirectory (vsftpd loads it before dropping privileges).
    await chmod(dir, 0o755);
    const rootDir = path.join(dir, 'root');
    await mkdir(rootDir, { mode: 0o755 });
    await chown(rootDir, account.uid, account.gid);
    let cert: { certFile: string; keyFile: string } | undefined;
    if (tls) {
      const tlsDir = path.join(dir, 'tls');
      await mkdir(tlsDir, { mode: 0o700 });
      cert = await makeSelfSignedCert(tlsDir, 'localhost');
    }

    const port = await freePort(HOST);
    const pasv = await freePortRange(options.pasvPorts ?? 4, HOST);
    const userList = path.join(dir, 'user_list');
    await writeFile(userList, `${account.name}\n`);
    const configFile = path.join(dir, 'vsftpd.conf');
    const config = renderConfig({ port, pasv, rootDir, userList, logFile: path.join(dir, 'transfers.log'), cert });
    // vsftpd refuses a config file that is not owned by root or is writable by others.
    await writeFile(configFile, config, { mode: 0o600 });

    const daemon = new Daemon({ argv: ['/usr/sbin/vsftpd', configFile], logFile: path.join(dir, 'vsftpd.stderr.log') });
    await waitForDaemonPort(daemon, port, HOST);

    return {
      host: HOST,
      port,
      pasvMin: pasv.min,
      pasvMax: pasv.max,
      user: account.name,
      password,
      rootDir,
      tls,
      certFile: cert?.certFile,
      configFile,
      daemon,
      async stop() {
        await daemon.stop();
        await removeDir(dir);
      },
    };
  });
}

interface ConfigInput {
  port: number;
  pasv: { min: number; max: number };
  rootDir: string;
  userList: string;
  logFile: string;
  cert: { certFile: string; keyFile: string } | undefined;
}

function renderConfig(c: ConfigInput): string {
  const lines = [
    // Standalone and in the foreground: the test (like the agent) owns the process; there is
    // no pidfile option, so a daemonised vsftpd could not be stopped reliably.
    'listen=YES',
    'listen_ipv6=NO',
    `listen_address=${HOST}`,
    `listen_port=${c.port}`,
    'background=NO',
    'anonymous_enable=NO',
    'local_enable=YES',
    'write_enable=YES',
    'local_umask=022',
    // Jailed in rootDir, as the ftps service jails its users, so '/' is the FTP root. The root
    // is the user's and writable, which vsftpd refuses for a chroot unless told otherwise.
    'chroot_local_user=YES',
    'allow_writeable_chroot=YES',
    `local_root=${c.rootDir}`,
    'pasv_enable=YES',
    `pasv_min_port=${c.pasv.min}`,
    `pasv_max_port=${c.pasv.max}`,
    `pasv_address=${HOST}`,
    'connect_from_port_20=NO',
    `secure_chroot_dir=${SECURE_CHROOT_DIR}`,
    'pam_service_name=vsftpd',
    // The seccomp filter kills sessions on syscalls newer libcs make (as on Alpine).
    'seccomp_sandbox=NO',
    // Only the test user may log in, whatever other accounts the machine has.
    'userlist_enable=YES',
    'userlist_deny=NO',
    `userlist_file=${c.userList}`,
    'dirmessage_enable=NO',
    'xferlog_enable=YES',
    'xferlog_std_format=NO',
    `vsftpd_log_file=${c.logFile}`,
    'ftpd_banner=ft_services test vsftpd',
  ];
  if (c.cert) {
    lines.push(
      'ssl_enable=YES',
      `rsa_cert_file=${c.cert.certFile}`,
      `rsa_private_key_file=${c.cert.keyFile}`,
      'allow_anon_ssl=NO',
      'force_local_logins_ssl=YES',
      'force_local_data_ssl=YES',
      // Clients such as basic-ftp and curl do not resume the control session's TLS session
      // on data connections; with reuse required, every transfer would fail.
      'require_ssl_reuse=NO',
      'ssl_sslv2=NO',
      'ssl_sslv3=NO',
      'ssl_tlsv1=YES',
    );
  } else {
    lines.push('ssl_enable=NO');
  }
  return lines.join('\n') + '\n';
}

/** `count` consecutive ports that were free on `host` a moment ago (passive ranges must be contiguous). */
export async function freePortRange(count: number, host: string): Promise<{ min: number; max: number }> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const min = 30_000 + Math.floor(Math.random() * (30_000 - count));
    const ports = Array.from({ length: count }, (_, i) => min + i);
    const results = await Promise.all(ports.map((p) => isFree(p, host)));
    if (results.every(Boolean)) return { min, max: min + count - 1 };
  }
  throw new Error(`no ${count} consecutive free ports found on ${host}`);
}

function isFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}
