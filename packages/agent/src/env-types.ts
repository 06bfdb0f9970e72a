/**
 * Zod types for environment variables, with messages that say what is expected.
 * Every value arrives as a string (or is absent); these parse it into what the code uses.
 */
import { z } from 'zod';

/** Values marked secret are never echoed: not in errors, logs or /metrics. */
const secretRegistry = z.registry<{ secret: true }>();

export function secret<T extends z.ZodType>(schema: T): T {
  secretRegistry.add(schema, { secret: true });
  return schema;
}

/** True when the schema, or the schema an optional/default wraps, was marked secret. */
export function isSecret(schema: z.ZodType): boolean {
  let current: z.ZodType | undefined = schema;
  for (let depth = 0; current && depth < 8; depth++) {
    if (secretRegistry.has(current)) return true;
    const def: { innerType?: z.ZodType; in?: z.ZodType } = (current as unknown as { _zod: { def: { innerType?: z.ZodType; in?: z.ZodType } } })._zod.def;
    current = def.innerType ?? def.in;
  }
  return false;
}

const wholeNumber = (min: number, max: number, what: string) =>
  z
    .string()
    .regex(/^\d+$/, `expected ${what}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `expected ${what}`).max(max, `expected ${what}`));

export const vars = {
  /** Any non-empty string. */
  string: (what = 'a non-empty string') => z.string({ error: `expected ${what}` }).min(1, `expected ${what}`),
  /** A password or key: at least `min` characters, never printed. */
  password: (min = 8) =>
    secret(z.string({ error: `expected a secret of at least ${min} characters` }).min(min, `expected a secret of at least ${min} characters`)),
  port: () => wholeNumber(1, 65535, 'a TCP port number 1-65535'),
  int: (min: number, max: number) => wholeNumber(min, max, `a whole number ${min}-${max}`),
  bool: () =>
    z.enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' }).transform((v) => ['true', '1', 'yes'].includes(v)),
  url: () => z.url({ error: 'expected an absolute URL such as http://host:port' }),
  hostname: () =>
    z.string({ error: 'expected a host name or IP address' }).regex(/^[A-Za-z0-9.:-]+$/, 'expected a host name or IP address'),
  /**
   * An absolute path that config files can carry unquoted: no spaces, quotes, backslashes or
   * control characters (a data dir, a mounted directory).
   */
  absolutePath: () =>
    z.string({ error: 'expected an absolute path' }).regex(/^\/[^\s"'\\\x00-\x1f]*$/, 'expected an absolute path without spaces, quotes or backslashes'),
  /** A user or database name: letters, digits, _ . - only. */
  identifier: (what = 'a name of letters, digits, _ . -') =>
    z.string({ error: `expected ${what}` }).regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/, `expected ${what}`),
  oneOf: <const T extends readonly [string, ...string[]]>(values: T) =>
    z.enum(values, { error: `expected one of ${values.join(', ')}` }),
  /** Comma-separated list of non-empty items. */
  list: () =>
    z
      .string({ error: 'expected a comma-separated list' })
      .transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x.length > 0)),
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
