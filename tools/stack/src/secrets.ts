/**
 * Every generated value of a deployment, in `<stateDir>/secrets.json` (mode 600, dir 700): made
 * once, then read back at every run so that passwords never change under data that depends on
 * them. A file that does not validate is an error naming the field; it is never regenerated,
 * since MySQL and InfluxDB data on disk were made with the values it holds.
 */
import { chmod, link, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { SALT_NAMES } from '@ft/wordpress/salt-names';
import { randomPassword, randomTag } from './random.js';

export { SALT_NAMES } from '@ft/wordpress/salt-names';

/** Same rules as the services' own (vars.password, vars.identifier, the account regex). */
const password = (min: number) =>
  z
    .string()
    .min(min, `expected at least ${min} characters`)
    .regex(/^[^\s"'\\]+$/, 'expected no white space or quotes');
const identifier = z.string().regex(/^[A-Za-z0-9_.-]+$/, 'expected letters, digits, _ . -');
const account = z
  .string()
  .regex(/^[a-z_][a-z0-9_-]{0,31}$/, 'expected a lower-case account name')
  .refine((n) => n !== 'root', 'root is not allowed');
const login = z.object({ user: identifier, password: password(8) }).strict();

const wordpressUser = z
  .object({
    login: z.string().min(1),
    email: z.email(),
    password: password(8),
    role: z.enum(['administrator', 'editor', 'author', 'contributor', 'subscriber']),
  })
  .strict();

export const secretsSchema = z
  .object({
    version: z.literal(1),
    createdAt: z.string(),
    mysql: z.object({ rootPassword: password(8) }).strict(),
    wordpress: z
      .object({
        dbName: identifier,
        dbUser: identifier,
        dbPassword: password(8),
        users: z
          .array(wordpressUser)
          .min(1)
          .refine((users) => users.some((u) => u.role === 'administrator'), 'expected an administrator'),
        keys: z
          .object(Object.fromEntries(SALT_NAMES.map((n) => [n, password(32)])) as Record<(typeof SALT_NAMES)[number], ReturnType<typeof password>>)
          .strict(),
      })
      .strict(),
    phpmyadmin: z.object({ blowfishSecret: password(32) }).strict(),
    ssh: z.object({ user: account, password: password(8) }).strict(),
    ftp: z.object({ user: account, password: password(8) }).strict(),
    influxdb: z.object({ db: identifier, admin: login, write: login, read: login }).strict(),
    // secretKey: Grafana's [security] secret_key, which encrypts the secrets in its database.
    grafana: z.object({ admin: login, secretKey: password(32) }).strict(),
  })
  .strict();

export type Secrets = z.infer<typeof secretsSchema>;

export class SecretsFileError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    detail: string,
  ) {
    super(`${file}: ${field ? `field "${field}": ` : ''}${detail} (fix or restore the file; it is never regenerated, the data was made with it)`);
    this.name = 'SecretsFileError';
  }
}

export function secretsPath(stateDir: string): string {
  return path.join(stateDir, 'secrets.json');
}

/** Fresh values for a new deployment. The two host accounts carry a tag so that stacks on one host never share one. */
export function generateSecrets(now = new Date()): Secrets {
  const tag = randomTag();
  const wpUser = (login: string, role: Secrets['wordpress']['users'][number]['role']) => ({
    login,
    email: `${login}@ft-services.example`,
    password: randomPassword(),
    role,
  });
  return {
    version: 1,
    createdAt: now.toISOString(),
    mysql: { rootPassword: randomPassword() },
    wordpress: {
      dbName: 'wordpress',
      dbUser: 'wordpress',
      dbPassword: randomPassword(),
      users: [wpUser('admin', 'administrator'), wpUser('editor', 'editor'), wpUser('author', 'author'), wpUser('subscriber', 'subscriber')],
      keys: Object.fromEntries(SALT_NAMES.map((n) => [n, randomPassword(64)])) as Secrets['wordpress']['keys'],
    },
    phpmyadmin: { blowfishSecret: randomPassword(48) },
    ssh: { user: `ftssh-${tag}`, password: randomPassword() },
    ftp: { user: `ftftp-${tag}`, password: randomPassword() },
    influxdb: {
      db: 'metrics',
      admin: { user: 'admin', password: randomPassword() },
      write: { user: 'agent', password: randomPassword() },
      read: { user: 'grafana', password: randomPassword() },
    },
    grafana: { admin: { user: 'admin', password: randomPassword() }, secretKey: randomPassword(48) },
  };
}

/** Parses a secrets file's text; throws SecretsFileError naming the first bad field. */
export function parseSecrets(text: string, file: string): Secrets {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new SecretsFileError(file, '', `not valid JSON (${(err as Error).message})`);
  }
  const result = secretsSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    // Never echo the value: it may be a password.
    throw new SecretsFileError(file, issue?.path.join('.') ?? '', issue?.message.replace(/^Invalid input: /, '') ?? 'invalid');
  }
  return result.data;
}

/** Reads `<stateDir>/secrets.json`, or creates it (and the state dir, mode 700) when it does not exist. */
export async function loadOrCreateSecrets(stateDir: string): Promise<{ secrets: Secrets; created: boolean }> {
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  // Nobody else may list or change it; search (x) stays as the caller set it: the local mode's
  // daemons (mysql, influxdb, grafana, ftp users) must traverse it to their data dirs.
  const { mode } = await stat(stateDir);
  if ((mode & 0o066) !== 0) await chmod(stateDir, mode & 0o7711);
  const file = secretsPath(stateDir);
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (text !== undefined) {
    const added = withAddedValues(text);
    const secrets = parseSecrets(added ?? text, file);
    if (added !== undefined) await replaceFile(file, added);
    await chmod(file, 0o600);
    return { secrets, created: false };
  }
  const secrets = generateSecrets();
  if (await writeNew(file, `${JSON.stringify(secrets, null, 2)}\n`)) return { secrets, created: true };
  // Another run made it first: its values win.
  return { secrets: parseSecrets(await readFile(file, 'utf8'), file), created: false };
}

/**
 * A file made before a value existed gets it once (then kept like the others): Grafana's
 * secret_key. Nothing that exists is changed. Returns the new text, or undefined when complete.
 */
function withAddedValues(text: string): string | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined; // parseSecrets names the problem
  }
  const grafana = (data as { grafana?: unknown } | null)?.grafana;
  if (typeof grafana !== 'object' || grafana === null || 'secretKey' in grafana) return undefined;
  (grafana as Record<string, unknown>)['secretKey'] = randomPassword(48);
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** `text` in a synced temp file beside `file` (mode 600), to be renamed or linked into place. */
async function writeBeside(file: string, text: string): Promise<string> {
  const tmp = `${file}.${process.pid}.tmp`;
  const handle = await open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return tmp;
}

async function replaceFile(file: string, text: string): Promise<void> {
  await rename(await writeBeside(file, text), file);
}

/**
 * Written to a temp file then linked in place without replacing: if two runs race, the second
 * finds the first's file and the values never fork.
 */
async function writeNew(file: string, text: string): Promise<boolean> {
  const tmp = await writeBeside(file, text);
  try {
    await link(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return false;
  } finally {
    await unlink(tmp);
  }
}
