/**
 * A real OpenSSH server for tests: its own host key, config and pid file in a temp dir, on a free
 * loopback port, in the foreground (-D) with its log on stderr (-e). It admits one local user,
 * by password (through PAM, as the nginx container's sshd does) or by a generated key.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Daemon } from './daemon.js';
import { waitForDaemonPort } from './daemon-ready.js';
import { run } from './exec.js';
import { freePort } from './ports.js';
import { ensureSystemUser } from './system-user.js';
import { inTempDir, removeDir } from './temp-dir.js';

export interface SshdOptions {
  /** A local user (prefix `fttest`), created if missing. Default 'fttestssh'. */
  user?: string;
  /** Set on the user at every start. Default: random. */
  password?: string;
}

export interface SshdServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** OpenSSH-format private key (ed25519, no passphrase) authorised for `user`. */
  readonly privateKey: string;
  /** The same key's file, for the ssh CLI. */
  readonly privateKeyFile: string;
  readonly configFile: string;
  readonly daemon: Daemon;
  /** Stops sshd and its session processes, removes the temp dir. Safe to call twice. */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
/** sshd's privilege-separation directory; compiled in, and not created by sshd itself. */
const PRIVSEP_DIR = '/run/sshd';

export async function startSshd(options: SshdOptions = {}): Promise<SshdServer> {
  const password = options.password ?? randomBytes(12).toString('hex');
  const account = await ensureSystemUser(options.user ?? 'fttestssh', password);
  await mkdir(PRIVSEP_DIR, { recursive: true, mode: 0o755 });

  return inTempDir('sshd', async (dir) => {
    // sshd reads authorized_keys as the user, so the user must be able to reach it.
    await chmod(dir, 0o755);
    const hostKey = path.join(dir, 'ssh_host_ed25519_key');
    const privateKeyFile = path.join(dir, 'client_ed25519');
    await Promise.all([
      run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'ft test host', '-f', hostKey]),
      run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `${account.name}@ft-test`, '-f', privateKeyFile]),
    ]);
    const authorizedKeys = path.join(dir, 'authorized_keys');
    await writeFile(authorizedKeys, await readFile(`${privateKeyFile}.pub`, 'utf8'), { mode: 0o644 });

    const port = await freePort(HOST);
    const configFile = path.join(dir, 'sshd_config');
    const config =
      [
        `Port ${port}`,
        `ListenAddress ${HOST}`,
        `HostKey ${hostKey}`,
        `PidFile ${path.join(dir, 'sshd.pid')}`,
        // An absolute path: the keys live here, not in the user's home.
        `AuthorizedKeysFile ${authorizedKeys}`,
        'PubkeyAuthentication yes',
        'PasswordAuthentication yes',
        'KbdInteractiveAuthentication no',
        'PermitRootLogin no',
        'UsePAM yes',
        // The temp dir's owner (root) and modes would otherwise fail sshd's ownership checks.
        'StrictModes no',
        `AllowUsers ${account.name}`,
        'UseDNS no',
        'PrintMotd no',
        'LogLevel VERBOSE',
        'Subsystem sftp internal-sftp',
      ].join('\n') + '\n';
    await writeFile(configFile, config, { mode: 0o600 });

    // sshd re-executes itself for every connection and so insists on an absolute path.
    const daemon = new Daemon({ argv: ['/usr/sbin/sshd', '-D', '-e', '-f', configFile], logFile: path.join(dir, 'sshd.log') });
    await waitForDaemonPort(daemon, port, HOST);

    return {
      host: HOST,
      port,
      user: account.name,
      password,
      privateKey: await readFile(privateKeyFile, 'utf8'),
      privateKeyFile,
      configFile,
      daemon,
      async stop() {
        await daemon.stop();
        await removeDir(dir);
      },
    };
  });
}
