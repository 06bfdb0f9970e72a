/**
 * `<state>/secrets.json` as tools/stack wrote it (contract section 1), read with tools/stack's own
 * schema: the suites log in with these users and passwords.
 */
import { readFile } from 'node:fs/promises';
import { parseSecrets, secretsPath, type Secrets } from '@ft/stack';

export type StackSecrets = Secrets;
export type WordpressUser = StackSecrets['wordpress']['users'][number];

export async function readSecrets(stateDir: string): Promise<StackSecrets> {
  const file = secretsPath(stateDir);
  return parseSecrets(await readFile(file, 'utf8'), file);
}

/** The one administrator (secrets.json declares exactly one) and a user of the given role. */
export function userWithRole(secrets: StackSecrets, role: WordpressUser['role']): WordpressUser {
  const user = secrets.wordpress.users.find((u) => u.role === role);
  if (!user) throw new Error(`secrets.json lists no WordPress ${role}`);
  return user;
}
