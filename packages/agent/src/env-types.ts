/**
 * Zod types for environment variables, with messages that say what is expected.
 * Every value arrives as a string (or is absent); these parse it into what the code uses.
 * Each type says what a value is (a path, a host name, a port, a URL), because most values end up
 * in a line-based config file (my.cnf, vsftpd.conf, grafana.ini, sshd_config): a value that could
 * carry a line break or a quote could carry a directive. The renderer checks again (templates.ts).
 */
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { systemAccountProblem } from './system-users.js';

/** Values marked secret are never echoed: not in errors, logs or /metrics. */
const secretRegistry = z.registry<{ secret: true }>();
/** Values that may come from a mounted file (`NAME_FILE`): every secret, and the TLS certificate. */
const fileRegistry = z.registry<{ file: true }>();

export function secret<T extends z.ZodType>(schema: T): T {
  secretRegistry.add(schema, { secret: true });
  return schema;
}

/** Marks a setting that is not secret but may still come from a mounted Secret file (TLS_CERT). */
export function fromFile<T extends z.ZodType>(schema: T): T {
  fileRegistry.add(schema, { file: true });
  return schema;
}

/** True when the schema, or the schema an optional/default wraps, was marked secret. */
export function isSecret(schema: z.ZodType): boolean {
  return marked(schema, secretRegistry);
}

/** True when `NAME_FILE` may stand in for the setting: secrets, and what fromFile marked. */
export function mayComeFromFile(schema: z.ZodType): boolean {
  return marked(schema, secretRegistry) || marked(schema, fileRegistry);
}

function marked(schema: z.ZodType, registry: { has(schema: z.ZodType): boolean }): boolean {
  let current: z.ZodType | undefined = schema;
  for (let depth = 0; current && depth < 8; depth++) {
    if (registry.has(current)) return true;
    const def: { innerType?: z.ZodType; in?: z.ZodType } = (current as unknown as { _zod: { def: { innerType?: z.ZodType; in?: z.ZodType } } })._zod.def;
    current = def.innerType ?? def.in;
  }
  return false;
}

/** C0 control characters and DEL: a line break, CR or NUL ends a config line early. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARACTER = /[\x00-\x1f\x7f]/;

/** Upper bounds: long enough for any real value, short enough that no config line is unbounded. */
const MAX_TEXT = 1024;
const MAX_PATH = 255;
const MAX_URL = 2048;

/** A DNS name (RFC 1123): labels of letters, digits and inner hyphens, 1-63 each, 253 in all. */
const DNS_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export function isDnsName(value: string): boolean {
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  return name.length > 0 && name.length <= 253 && name.split('.').every((label) => DNS_LABEL.test(label));
}

/**
 * Directories a data-dir setting may never name: the root, the system's own trees, and the shared
 * parents (/var, /var/lib) under which each service gets a directory of its own. A recursive chown
 * of any of these would hand the system to a daemon's user.
 */
const SYSTEM_TREES = ['/bin', '/boot', '/dev', '/etc', '/lib', '/lib32', '/lib64', '/libx32', '/proc', '/sbin', '/sys', '/usr'];
const SHARED_PARENTS = [
  '/',
  '/home',
  '/media',
  '/mnt',
  '/opt',
  '/root',
  '/run',
  '/srv',
  '/tmp',
  '/var',
  '/var/cache',
  '/var/lib',
  '/var/local',
  '/var/log',
  '/var/mail',
  '/var/opt',
  '/var/run',
  '/var/spool',
  '/var/tmp',
  '/var/www',
];

/** Why `dir` may not be a data dir, or undefined when it may. `dir` is absolute. */
export function dataDirProblem(dir: string): string | undefined {
  const clean = path.posix.normalize(dir).replace(/(.)\/+$/, '$1');
  if (SHARED_PARENTS.includes(clean)) return `${clean} is a system directory shared by others; name a directory of its own below it`;
  const tree = SYSTEM_TREES.find((t) => clean === t || clean.startsWith(`${t}/`));
  if (tree) return `${clean} is inside the system tree ${tree}; name a directory made for the data`;
  return undefined;
}

/**
 * An absolute path that config files can carry unquoted: no spaces, quotes, backslashes or
 * control characters, at most 255 characters, no `.` or `..` segment.
 */
function absolutePath() {
  return (
    z
      .string({ error: 'expected an absolute path' })
      // eslint-disable-next-line no-control-regex -- refusing control characters is the point
      .regex(/^\/[^\s"'\\\x00-\x1f\x7f]*$/, 'expected an absolute path without spaces, quotes or backslashes')
      .max(MAX_PATH, `expected an absolute path of at most ${MAX_PATH} characters`)
      .refine((v) => !v.split('/').some((seg) => seg === '.' || seg === '..'), 'expected an absolute path without . or .. segments')
  );
}

const wholeNumber = (min: number, max: number, what: string) =>
  z
    .string()
    .regex(/^\d+$/, `expected ${what}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `expected ${what}`).max(max, `expected ${what}`));

export const vars = {
  /** A non-empty line of text of at most `max` characters: no line break or other control character. */
  string: (what = 'a non-empty string', max = MAX_TEXT) =>
    z
      .string({ error: `expected ${what}` })
      .min(1, `expected ${what}`)
      .max(max, `expected ${what} of at most ${max} characters`)
      .refine((v) => !CONTROL_CHARACTER.test(v), `expected ${what} on one line, without control characters`),
  /** A password or key: at least `min` characters, never printed. */
  password: (min = 8) =>
    secret(z.string({ error: `expected a secret of at least ${min} characters` }).min(min, `expected a secret of at least ${min} characters`)),
  port: () => wholeNumber(1, 65535, 'a TCP port number 1-65535'),
  int: (min: number, max: number) => wholeNumber(min, max, `a whole number ${min}-${max}`),
  bool: () => z.enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' }).transform((v) => ['true', '1', 'yes'].includes(v)),
  /**
   * An absolute URL with one of `schemes` (default http, https), at most 2048 characters, nothing a
   * config line could misread (space, quote, backslash, control character) and no credentials:
   * those go in their own secret setting, so that no message ever shows them.
   */
  url: (schemes: readonly string[] = ['http', 'https']) => {
    const what = `an absolute URL such as ${schemes[0] ?? 'http'}://host:port`;
    return (
      z
        .string({ error: `expected ${what}` })
        .max(MAX_URL, `expected ${what} of at most ${MAX_URL} characters`)
        // eslint-disable-next-line no-control-regex -- refusing control characters is the point
        .regex(/^[^\s"'\\<>`\x00-\x1f\x7f]+$/, `expected ${what} without spaces, quotes, backslashes or control characters`)
        .pipe(z.url({ error: `expected ${what}` }))
        .refine((v) => schemes.includes(new URL(v).protocol.slice(0, -1)), `expected a URL whose scheme is ${schemes.join(' or ')}`)
        .refine((v) => {
          const u = new URL(v);
          return u.username === '' && u.password === '';
        }, 'expected a URL without user or password in it (give them in their own settings)')
    );
  },
  /** A DNS name (RFC 1123, at most 253 characters) or an IPv4 or IPv6 address. */
  hostname: () => z.string({ error: 'expected a host name or IP address' }).refine((v) => isIP(v) !== 0 || isDnsName(v), 'expected a host name or IP address'),
  /** A DNS name (RFC 1123), as a Kubernetes object or host is named. */
  dnsName: (what = 'a DNS name (letters, digits, - and .)') => z.string({ error: `expected ${what}` }).refine(isDnsName, `expected ${what}`),
  absolutePath,
  /**
   * A directory the service owns (a volume): an absolute path that is neither the root, a system
   * tree (/etc, /usr, ...), nor a shared parent (/var, /var/lib, /home, /tmp, ...). The agent gives
   * such a directory to a daemon's user, some services recursively.
   */
  dataDir: () =>
    absolutePath().superRefine((v, ctx) => {
      const problem = dataDirProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: `expected a data directory of its own: ${problem}` });
    }),
  /** A PEM certificate (or chain) as text; may come from a mounted Secret (`_FILE`). */
  pemCertificate: () =>
    fromFile(
      z
        .string({ error: 'expected a PEM certificate' })
        .max(65_536, 'expected a PEM certificate of at most 64 KiB')
        .regex(/-----BEGIN [A-Z ]*CERTIFICATE-----/, 'expected a PEM certificate (-----BEGIN CERTIFICATE-----)'),
    ),
  /**
   * A person's login on this host (the SSH user, the FTP user): what useradd and busybox adduser
   * both accept and chpasswd cannot misread, and never root, nobody or another system account.
   */
  loginUser: () =>
    z
      .string({ error: 'expected a user name (lower-case letter or _, then letters, digits, _ -)' })
      .regex(/^[a-z_][a-z0-9_-]{0,31}$/, 'expected a user name (lower-case letter or _, then letters, digits, _ -)')
      .superRefine((name, ctx) => {
        const problem = systemAccountProblem(name);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
  /**
   * A PEM private key as text (several lines, so not vars.string): a secret, at most 64 KiB; the
   * TLS step checks its PEM shape.
   */
  pemKey: () =>
    secret(z.string({ error: 'expected a PEM private key' }).min(1, 'expected a PEM private key').max(65_536, 'expected a PEM private key of at most 64 KiB')),
  /** A user or database name: letters, digits, _ . - only. */
  identifier: (what = 'a name of letters, digits, _ . -') =>
    z.string({ error: `expected ${what}` }).regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/, `expected ${what}`),
  oneOf: <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `expected one of ${values.join(', ')}` }),
  /** Comma-separated list of non-empty items. */
  list: () =>
    z.string({ error: 'expected a comma-separated list' }).transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x.length > 0),
    ),
  /** JSON text validated against `schema`. */
  json: <T extends z.ZodType>(schema: T, what = 'JSON') =>
    z
      .string({ error: `expected ${what}` })
      .transform((text, ctx): unknown => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: `expected ${what}: not valid JSON` });
          return z.NEVER;
        }
      })
      .pipe(schema),
};
