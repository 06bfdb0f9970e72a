/** Resolves user names to uid/gid from /etc/passwd, as daemons are started as their own users. */
import { readFileSync } from 'node:fs';
import { CommandError, ConfigError } from './errors.js';
import { runCommand } from './run-command.js';

export interface SystemUser {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

export function lookupUser(name: string, passwdFile = '/etc/passwd'): SystemUser {
  const text = readFileSync(passwdFile, 'utf8');
  for (const line of text.split('\n')) {
    const [user, , uid, gid, , home, shell] = line.split(':');
    if (user === name && uid !== undefined && gid !== undefined) {
      return { name, uid: Number(uid), gid: Number(gid), home: home ?? '/', shell: shell ?? '' };
    }
  }
  throw new Error(`user ${name} does not exist in ${passwdFile}`);
}

/** True when /etc/passwd names an account with this uid. */
export function uidHasAccount(uid: number, passwdFile = '/etc/passwd'): boolean {
  return readFileSync(passwdFile, 'utf8')
    .split('\n')
    .some((line) => line.split(':')[2] === String(uid));
}

/** The user, or undefined when /etc/passwd has no such name. */
export function findUser(name: string, passwdFile?: string): SystemUser | undefined {
  try {
    return lookupUser(name, passwdFile);
  } catch {
    return undefined;
  }
}

/**
 * Regular accounts live in [1000, 60000): below are root and the daemons' accounts, above are
 * nobody (65534) and the ranges login.defs keeps out of useradd's reach (UID_MAX 60000 on Debian
 * and in Alpine's shadow). Anything outside is never taken over as a person's login.
 */
export const FIRST_REGULAR_UID = 1000;
export const LAST_REGULAR_UID = 59_999;

/**
 * Account names that are a system's, on Debian or Alpine or for the platform's own daemons,
 * refused as SSH or FTP users before anything looks at /etc/passwd: the account may not exist
 * yet on this host (a useradd would create it as a regular one) and exist on the next.
 */
export const SYSTEM_ACCOUNT_NAMES: ReadonlySet<string> = new Set([
  // Debian's base-passwd and Alpine's alpine-baselayout
  'root',
  'daemon',
  'bin',
  'sys',
  'sync',
  'games',
  'man',
  'lp',
  'mail',
  'news',
  'uucp',
  'proxy',
  'www-data',
  'backup',
  'list',
  'irc',
  'gnats',
  '_gnats',
  'nobody',
  'nogroup',
  '_apt',
  'adm',
  'shutdown',
  'halt',
  'operator',
  'postmaster',
  'cron',
  'ftp',
  'sshd',
  'at',
  'squid',
  'xfs',
  'cyrus',
  'vpopmail',
  'ntp',
  'smmsp',
  'guest',
  'messagebus',
  'polkitd',
  'systemd-network',
  'systemd-resolve',
  'systemd-timesync',
  'systemd-journal',
  'systemd-coredump',
  'tss',
  'uuidd',
  'tcpdump',
  'sshd-session',
  // the platform's daemons
  'mysql',
  'nginx',
  'vsftpd',
  'grafana',
  'influxdb',
  'php-fpm',
  'apache',
  'redis',
  'postgres',
  'postfix',
  'dnsmasq',
  'avahi',
]);

/** Why `name` may not be a person's login (SSH, FTP), or undefined when it may. */
export function systemAccountProblem(name: string): string | undefined {
  if (SYSTEM_ACCOUNT_NAMES.has(name) || name.startsWith('systemd-') || name.startsWith('_')) {
    return `${name} is a system account; name an ordinary user`;
  }
  return undefined;
}
/** useradd's "user already exists": a concurrent start made it between our lookup and our call. */
const USERADD_EXISTS = 9;

export interface LoginUserOptions {
  name: string;
  /** The variable that named the user, blamed (exit 78) when it names a system account. */
  variable: string;
  /** The platform's full argv that creates the user, name included. */
  addUser: readonly string[];
  /** When given, an existing account with another shell gets this one (usermod --shell). */
  shell?: string;
  passwdFile?: string;
}

/**
 * The local login account a service's users sign in with (the FTP user, the SSH user): found, or
 * created with `addUser`. A system account is refused, so the agent never sets root's or a
 * daemon's password.
 */
export async function ensureLoginUser(options: LoginUserOptions): Promise<{ user: SystemUser; created: boolean }> {
  const { name, passwdFile } = options;
  const named = systemAccountProblem(name);
  if (named) throw new ConfigError(options.variable, `is malformed: ${named}`);
  const existing = findUser(name, passwdFile);
  if (existing) {
    refuseSystemUid(options.variable, existing);
    if (options.shell !== undefined && existing.shell !== options.shell) {
      await runCommand(['usermod', '--shell', options.shell, name]);
      return { user: findUser(name, passwdFile) ?? existing, created: false };
    }
    return { user: existing, created: false };
  }
  let created = true;
  try {
    await runCommand(options.addUser);
  } catch (err) {
    if (!(err instanceof CommandError && err.status === USERADD_EXISTS)) throw err;
    created = false;
  }
  const user = findUser(name, passwdFile);
  if (!user) throw new Error(`user ${name} is missing right after ${options.addUser[0] ?? 'adding it'}`);
  // The account a concurrent start made (or a useradd told to) could still be a system one.
  refuseSystemUid(options.variable, user);
  return { user, created };
}

function refuseSystemUid(variable: string, user: SystemUser): void {
  if (user.uid < FIRST_REGULAR_UID || user.uid > LAST_REGULAR_UID) {
    throw new ConfigError(variable, `is malformed: ${user.name} is a system account (uid ${user.uid}); expected a user of its own`);
  }
}

/** Sets a login's password through chpasswd (on stdin). */
export function setLoginPassword(name: string, password: string): Promise<void> {
  return runCommand(['chpasswd'], `${name}:${password}\n`);
}
