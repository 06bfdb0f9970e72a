/**
 * The parts of `<state>/secrets.json` (written by tools/stack, contract section 1) the suites log
 * in with. Only what is read here is validated, so a field the suites do not use may change freely.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const login = z.object({ user: z.string().min(1), password: z.string().min(1) });

export const ROLES = ['administrator', 'editor', 'author', 'contributor', 'subscriber'] as const;

const secretsSchema = z.object({
  mysql: z.object({ rootPassword: z.string().min(1) }),
  wordpress: z.object({
    dbName: z.string().min(1),
    dbUser: z.string().min(1),
    dbPassword: z.string().min(1),
    users: z.array(z.object({ login: z.string().min(1), email: z.string(), password: z.string().min(1), role: z.enum(ROLES) })).min(1),
  }),
  ssh: login,
  ftp: login,
  influxdb: z.object({ db: z.string().min(1), admin: login, write: login, read: login }),
});

export type StackSecrets = z.infer<typeof secretsSchema>;
export type WordpressUser = StackSecrets['wordpress']['users'][number];

export async function readSecrets(stateDir: string): Promise<StackSecrets> {
  const file = path.join(stateDir, 'secrets.json');
  const parsed = secretsSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: field "${issue?.path.join('.') ?? ''}": ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** The one administrator (secrets.json declares exactly one) and a user of the given role. */
export function userWithRole(secrets: StackSecrets, role: WordpressUser['role']): WordpressUser {
  const user = secrets.wordpress.users.find((u) => u.role === role);
  if (!user) throw new Error(`secrets.json lists no WordPress ${role}`);
  return user;
}
