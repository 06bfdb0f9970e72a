/** The ssh check's own client key (sshd's host keys: the agent's ensureSshHostKeys). */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { runCommand } from '@ft/agent';

/** A fresh passphrase-less ed25519 key pair at `file` (and `file`.pub), replacing any old one. */
export async function makeClientKey(file: string, sshKeygen: string, comment: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await rm(file, { force: true });
  await rm(`${file}.pub`, { force: true });
  await runCommand([sshKeygen, '-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
}
