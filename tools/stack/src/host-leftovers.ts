/**
 * What a local stack's agents leave on the host outside its state dir: the SSH and FTP login
 * accounts (real users, as vsftpd and sshd need) and Debian WordPress's one-line config include.
 * For throwaway stacks (tests, benchmarks) after `down`; the state dir goes with them.
 */
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { debianConfigFile } from '@ft/wordpress/debian-config';
import { secretsPath } from './secrets.js';

type Accounts = { ssh?: { user?: string }; ftp?: { user?: string } };

export async function removeStackFromHost(stateDir: string): Promise<void> {
  // Only the two account names are needed, so a partly written file still yields what it has.
  const secrets = await readFile(secretsPath(stateDir), 'utf8')
    .then((text) => JSON.parse(text) as Accounts)
    .catch((): Accounts => ({}));
  for (const user of [secrets.ssh?.user, secrets.ftp?.user]) {
    // Exit 6: no such user (the agent never got as far as creating it).
    if (user) await promisify(execFile)('userdel', ['-r', user]).catch(() => undefined);
  }
  await rm(debianConfigFile('/etc/wordpress', path.join(stateDir, 'run', 'wordpress')), { force: true });
  await rm(stateDir, { recursive: true, force: true });
}
