/** Resolves user names to uid/gid from /etc/passwd, as daemons are started as their own users. */
import { readFileSync } from 'node:fs';
import { CommandError, ConfigError } from './errors.js';
import { runCommand } from './run-command.js';

export interface SystemUser {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

export function lookupUser(name: string, passwdFile = '/etc/passwd'): SystemUser {
  const text = readFileSync(passwdFile, 'utf8');
  for (const line of text.split('\n')) {
    const [user, , uid, gid, , home] = line.split(':');
    if (user === name && uid !== undefined && gid !== undefined) {
      return { name, uid: Number(uid), gid: Number(gid), home: home ?? '/' };
    }
  }
  throw new Error(`user ${name} does not exist in ${passwdFile}`);
}

/** The user, or undefined when /etc/passwd has no such name. */
export function findUser(name: string, passwdFile?: string): SystemUser | undefined {
  try {
    return lookupUser(name, passwdFile);
  } catch {
    return undefined;
  }
}

/** Below this uid lie root and the daemons' accounts: never taken over as a person's login. */
const FIRST_REGULAR_UID = 1000;
/** useradd's "user already exists": a concurrent start made it between our lookup and our call. */
const USERADD_EXISTS = 9;

export interface LoginUserOptions {
  name: string;
  /** The variable that named the user, blamed (exit 78) when it names a system account. */
  variable: string;
  /** The platform's full argv that creates the user, name included. */
  addUser: readonly string[];
  passwdFile?: string;
}

/**
 * The local login account a service's users sign in with (the FTP user, the SSH user): found, or
 * created with `addUser`. A system account is refused, so the agent never sets root's or a
 * daemon's password.
 */
export async function ensureLoginUser(options: LoginUserOptions): Promise<{ user: SystemUser; created: boolean }> {
  const { name, passwdFile } = options;
  const existing = findUser(name, passwdFile);
  if (existing) {
    if (existing.uid < FIRST_REGULAR_UID) {
      throw new ConfigError(options.variable, `is malformed: ${name} is a system account (uid ${existing.uid}); expected a user of its own`);
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
  return { user, created };
}

/** Sets a login's password through chpasswd (on stdin). */
export function setLoginPassword(name: string, password: string): Promise<void> {
  return runCommand(['chpasswd'], `${name}:${password}\n`);
}
