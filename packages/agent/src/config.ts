/** Reads and validates the environment against a schema, before anything starts. */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from './errors.js';
import { isSecret, mayComeFromFile } from './env-types.js';
import type { EnvConfig, EnvShape } from './types.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Parse every variable of `shape` from `env`. An empty string counts as absent, as Kubernetes
 * renders an unset ConfigMap key. `NAME_FILE` (a path) stands in for an unset `NAME` of a secret
 * setting (or one marked fromFile, the TLS certificate), so it can come from a mounted Secret; any
 * other `NAME_FILE` is refused, since its file would be read into a config. Throws ConfigError
 * naming the first bad variable; the message quotes the value only for a variable that is not
 * secret and was not read from a file, and never a URL's credentials.
 */
export function loadConfig<S extends EnvShape>(shape: S, env: Env): EnvConfig<S> {
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(shape)) {
    const { raw, fromFile } = readRaw(name, env, mayComeFromFile(schema));
    const result = schema.safeParse(raw);
    if (result.success) {
      out[name] = result.data;
      continue;
    }
    throw new ConfigError(name, explain(result.error, raw, isSecret(schema) || fromFile));
  }
  return out as EnvConfig<S>;
}

function readRaw(name: string, env: Env, fileAllowed: boolean): { raw: string | undefined; fromFile: boolean } {
  const direct = env[name] === '' ? undefined : env[name];
  const file = env[`${name}_FILE`] === '' ? undefined : env[`${name}_FILE`];
  if (file !== undefined && !fileAllowed) {
    throw new ConfigError(`${name}_FILE`, `is not accepted: only secret settings may come from a file; set ${name} itself`);
  }
  if (direct !== undefined && file !== undefined) {
    throw new ConfigError(name, `is set both directly and through ${name}_FILE; set only one`);
  }
  if (file === undefined) return { raw: direct, fromFile: false };
  try {
    // A trailing newline is what editors and `echo` leave, never part of a password.
    return { raw: readFileSync(file, 'utf8').replace(/\r?\n$/, ''), fromFile: true };
  } catch (err) {
    const why = (err as { code?: string }).code ?? 'unreadable';
    throw new ConfigError(`${name}_FILE`, `cannot read ${file} (${why}); expected a readable file holding ${name}`);
  }
}

function explain(error: z.ZodError, raw: string | undefined, hidden: boolean): string {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  const message = (issue?.message ?? 'invalid').replace(/^Invalid input: /, '');
  if (raw === undefined) return `is not set; ${message}`;
  // Credentials go before the cut: a cut inside them would leave no `@` to find.
  const clean = withoutCredentials(raw);
  const shown = hidden ? '' : ` (got ${JSON.stringify(clean.length > 60 ? `${clean.slice(0, 60)}...` : clean)})`;
  return `is malformed${where}: ${message}${shown}`;
}

/** `scheme://user:password@host` -> `scheme://***@host`, wherever it appears in a shown value. */
export function withoutCredentials(text: string): string {
  return text.replace(/([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#\s]*@/g, '$1***@');
}
