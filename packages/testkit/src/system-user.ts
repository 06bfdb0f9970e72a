/**
 * Local Linux users for daemons that authenticate against the system (vsftpd, sshd via PAM).
 * Tests run as root on throwaway machines; the `fttest` prefix keeps them recognisable and
 * stops a typo from changing the password of a real account.
 */
import { run, RunError } from './exec.js';

export interface SystemUser {
  name: string;
  home: string;
  uid: number;
  gid: number;
}

const PREFIX = 'fttest';
/** useradd's "username already in use": another suite created it between our check and our call. */
const USERADD_EXISTS = 9;

/** Creates `name` if missing (home dir, /bin/bash for pam_shells) and sets its password. Idempotent. */
export async function ensureSystemUser(name: string, password: string): Promise<SystemUser> {
  if (!/^fttest[a-z0-9_-]{0,24}$/.test(name)) {
    throw new Error(`test user names must match ${PREFIX}[a-z0-9_-]*, got ${JSON.stringify(name)}`);
  }
  // chpasswd reads "name:password" lines, so these would corrupt the record.
  if (password === '' || /[:\n\r]/.test(password)) throw new Error(`password for ${name} must be non-empty, without ':' or newlines`);

  if (!(await lookup(name))) {
    try {
      await run('useradd', ['--create-home', '--shell', '/bin/bash', name]);
    } catch (err) {
      if (!(err instanceof RunError && err.exitCode === USERADD_EXISTS)) throw err;
    }
  }
  await run('chpasswd', [], { input: `${name}:${password}\n` });
  const user = await lookup(name);
  if (!user) throw new Error(`user ${name} missing right after useradd`);
  return user;
}

/** The passwd entry of `name`, or undefined when there is none (getent exits 2). */
async function lookup(name: string): Promise<SystemUser | undefined> {
  let line: string;
  try {
    line = (await run('getent', ['passwd', name])).stdout.trim();
  } catch (err) {
    if (err instanceof RunError && err.exitCode === 2) return undefined;
    throw err;
  }
  // name:x:uid:gid:gecos:home:shell
  const fields = line.split(':');
  const [, , uid, gid, , home] = fields;
  if (uid === undefined || gid === undefined || home === undefined) throw new Error(`unexpected passwd entry for ${name}`);
  return { name, home, uid: Number(uid), gid: Number(gid) };
}
