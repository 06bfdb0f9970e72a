/** Reads and validates the environment against a schema, before anything starts. */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from './errors.js';
import { isSecret } from './env-types.js';
import type { EnvConfig, EnvShape } from './types.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Parse every variable of `shape` from `env`. An empty string counts as absent, as Kubernetes
 * renders an unset ConfigMap key. `NAME_FILE` (a path) stands in for an unset `NAME`, so a secret
 * can come from a mounted file instead of the environment. Throws ConfigError naming the first bad
 * variable; the message quotes the value only for variables that are not secret.
 */
export function loadConfig<S extends EnvShape>(shape: S, env: Env): EnvConfig<S> {
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(shape)) {
    const raw = readRaw(name, env);
    const result = schema.safeParse(raw);
    if (result.success) {
      out[name] = result.data;
      continue;
    }
    throw new ConfigError(name, explain(result.error, raw, isSecret(schema)));
  }
  return out as EnvConfig<S>;
}

function readRaw(name: string, env: Env): string | undefined {
  const direct = env[name] === '' ? undefined : env[name];
  const file = env[`${name}_FILE`] === '' ? undefined : env[`${name}_FILE`];
  if (direct !== undefined && file !== undefined) {
    throw new ConfigError(name, `is set both directly and through ${name}_FILE; set only one`);
  }
  if (file === undefined) return direct;
  try {
    // A trailing newline is what editors and `echo` leave, never part of a password.
    return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch (err) {
    const why = (err as { code?: string }).code ?? 'unreadable';
    throw new ConfigError(`${name}_FILE`, `cannot read ${file} (${why}); expected a readable file holding ${name}`);
  }
}

function explain(error: z.ZodError, raw: string | undefined, secret: boolean): string {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  const message = (issue?.message ?? 'invalid').replace(/^Invalid input: /, '');
  if (raw === undefined) return `is not set; ${message}`;
  const shown = secret ? '' : ` (got ${JSON.stringify(raw.length > 60 ? `${raw.slice(0, 60)}...` : raw)})`;
  return `is malformed${where}: ${message}${shown}`;
}
