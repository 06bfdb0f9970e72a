/**
 * The one SSH user of the container, made to match the environment at every start: created when
 * missing, its password set (or cleared), its authorized_keys written. The environment is the only
 * source: a key or password removed from it stops working at the next start.
 */
import { chmod, chown, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, lookupUser } from '@ft/agent';
import { CommandError, runCommand } from './run-command.js';

export interface SshAccountOptions {
  user: string;
  password?: string | undefined;
  authorizedKeys?: readonly string[] | undefined;
  /** Extra authorized_keys lines (the agent's own check key, restricted). */
  extraKeys?: readonly string[];
  /** Command that creates a user with a home directory; the name is appended. */
  addUser: readonly string[];
}

export interface SshAccount {
  name: string;
  uid: number;
  gid: number;
  home: string;
  created: boolean;
}

/** Accounts below this uid belong to the system (daemons, root): never taken over as the SSH user. */
const FIRST_ORDINARY_UID = 1000;
/** useradd's "user already exists": a concurrent start made it between our lookup and our call. */
const USERADD_EXISTS = 9;

export async function ensureSshAccount(options: SshAccountOptions): Promise<SshAccount> {
  let created = false;
  let account = findUser(options.user);
  if (!account) {
    try {
      await runCommand([...options.addUser, options.user]);
      created = true;
    } catch (err) {
      if (!(err instanceof CommandError && err.exitCode === USERADD_EXISTS)) throw err;
    }
    account = findUser(options.user);
    if (!account) throw new Error(`user ${options.user} is missing right after ${options.addUser[0]}`);
  } else if (account.uid < FIRST_ORDINARY_UID) {
    throw new ConfigError('SSH_USER', `names the system account ${options.user} (uid ${account.uid}); name a user of its own`);
  }

  if (options.password !== undefined) {
    await runCommand(['chpasswd'], `${options.user}:${options.password}\n`);
  } else {
    // '*' matches no password, yet is not "locked" ('!'): sshd without PAM (Alpine) refuses even
    // key logins to a locked account.
    await runCommand(['chpasswd', '-e'], `${options.user}:*\n`);
  }

  const keys = [...(options.authorizedKeys ?? []), ...(options.extraKeys ?? [])];
  await writeAuthorizedKeys(account, keys);
  return { ...account, created };
}

function findUser(name: string): Omit<SshAccount, 'created'> | undefined {
  try {
    return lookupUser(name);
  } catch {
    return undefined;
  }
}

/**
 * ~/.ssh/authorized_keys, owned by the user and not writable by others, as sshd's StrictModes
 * requires. No keys: the file goes, so a key dropped from the environment no longer logs in.
 */
async function writeAuthorizedKeys(account: Omit<SshAccount, 'created'>, keys: readonly string[]): Promise<void> {
  const dir = path.join(account.home, '.ssh');
  const file = path.join(dir, 'authorized_keys');
  if (keys.length === 0) {
    await rm(file, { force: true });
    return;
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chown(dir, account.uid, account.gid);
  await chmod(dir, 0o700);
  const text = ['# Written by the nginx container agent from SSH_AUTHORIZED_KEYS at every start.', ...keys].join('\n') + '\n';
  await writeFile(file, text, { mode: 0o600 });
  await chown(file, account.uid, account.gid);
  await chmod(file, 0o600);
}
