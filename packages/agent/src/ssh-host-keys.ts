/**
 * sshd's host keys: one per type, made as `ssh-keygen -A` would but in a directory of our choosing,
 * and kept when they exist, so a directory on a volume or a mounted Secret keeps the host's
 * identity across restarts. Used by the nginx service's agent and by the local mode, which makes
 * them once beside its secrets.
 */
import { access, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { runCommand } from './run-command.js';

export const SSH_HOST_KEY_TYPES = ['rsa', 'ecdsa', 'ed25519'] as const;

export interface SshHostKeyOptions {
  /** The ssh-keygen binary (default: `ssh-keygen` on PATH). */
  sshKeygen?: string;
  types?: readonly string[];
}

/** `<dir>/ssh_host_<type>_key`, sshd's own naming. */
export function sshHostKeyPath(dir: string, type: string): string {
  return path.join(dir, `ssh_host_${type}_key`);
}

/** Makes the missing host keys in `dir` (created 0700 when missing); returns the types it made, sorted. */
export async function ensureSshHostKeys(dir: string, options: SshHostKeyOptions = {}): Promise<string[]> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const made: string[] = [];
  await Promise.all(
    (options.types ?? SSH_HOST_KEY_TYPES).map(async (type) => {
      const file = sshHostKeyPath(dir, type);
      if (await exists(file)) return;
      // A lone .pub would make ssh-keygen ask whether to overwrite it.
      await rm(`${file}.pub`, { force: true });
      await runCommand([options.sshKeygen ?? 'ssh-keygen', '-q', '-t', type, '-N', '', '-C', '', '-f', file]);
      made.push(type);
    }),
  );
  return made.sort();
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
