/**
 * The one SSH user of the container, made to match the environment at every start: created when
 * missing, its password set (or cleared), its authorized_keys written. The environment is the only
 * source: a key or password removed from it stops working at the next start.
 */
import { chmod, chown, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ensureLoginUser, runCommand, setLoginPassword, type SystemUser } from '@ft/agent';

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

export async function ensureSshAccount(options: SshAccountOptions): Promise<SshAccount> {
  const { user: account, created } = await ensureLoginUser({ name: options.user, variable: 'SSH_USER', addUser: [...options.addUser, options.user] });

  if (options.password !== undefined) {
    await setLoginPassword(options.user, options.password);
  } else {
    // '*' matches no password, yet is not "locked" ('!'): sshd without PAM (Alpine) refuses even
    // key logins to a locked account.
    await runCommand(['chpasswd', '-e'], `${options.user}:*\n`);
  }

  const keys = [...(options.authorizedKeys ?? []), ...(options.extraKeys ?? [])];
  await writeAuthorizedKeys(account, keys);
  return { ...account, created };
}

/**
 * ~/.ssh/authorized_keys, owned by the user and not writable by others, as sshd's StrictModes
 * requires. No keys: the file goes, so a key dropped from the environment no longer logs in.
 */
async function writeAuthorizedKeys(account: SystemUser, keys: readonly string[]): Promise<void> {
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
