/**
 * sshd's host keys: made at the first start (one per type, as `ssh-keygen -A` would, but in a
 * directory of our choosing) and kept afterwards, so a directory on a volume or a mounted Secret
 * keeps the host's identity across restarts.
 */
import { access, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { HOST_KEY_TYPES } from './paths.js';
import { runCommand } from '@ft/agent';

/** Makes the missing host keys; returns the types it made. */
export async function ensureHostKeys(dir: string, sshKeygen: string): Promise<string[]> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const made: string[] = [];
  await Promise.all(
    HOST_KEY_TYPES.map(async (type) => {
      const file = path.join(dir, `ssh_host_${type}_key`);
      if (await exists(file)) return;
      // A lone .pub would make ssh-keygen ask whether to overwrite it.
      await rm(`${file}.pub`, { force: true });
      await runCommand([sshKeygen, '-q', '-t', type, '-N', '', '-C', '', '-f', file]);
      made.push(type);
    }),
  );
  return made.sort();
}

/** A fresh passphrase-less ed25519 key pair at `file` (and `file`.pub), replacing any old one. */
export async function makeClientKey(file: string, sshKeygen: string, comment: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await rm(file, { force: true });
  await rm(`${file}.pub`, { force: true });
  await runCommand([sshKeygen, '-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
