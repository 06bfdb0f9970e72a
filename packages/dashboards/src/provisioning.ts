/**
 * Grafana's provisioning files (apiVersion 1) as Grafana 12 reads them: parsed from YAML and
 * checked for the keys it needs, so a typo in services/grafana/conf fails a test, not a pod.
 */
import { parse } from 'yaml';
import { z } from 'zod';

const datasource = z.object({
  name: z.string().min(1),
  type: z.string().min(1),
  uid: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
  access: z.enum(['proxy', 'direct']),
  url: z.string().min(1),
  user: z.string().optional(),
  isDefault: z.boolean().optional(),
  editable: z.boolean().optional(),
  orgId: z.number().int().optional(),
  jsonData: z.record(z.string(), z.unknown()).optional(),
  secureJsonData: z.record(z.string(), z.string()).optional(),
});

const datasourcesFileSchema = z.object({
  apiVersion: z.literal(1),
  deleteDatasources: z.array(z.object({ name: z.string(), orgId: z.number().int().optional() })).optional(),
  prune: z.boolean().optional(),
  datasources: z.array(datasource).min(1),
});

const provider = z.object({
  name: z.string().min(1),
  orgId: z.number().int().optional(),
  folder: z.string().optional(),
  type: z.literal('file'),
  disableDeletion: z.boolean().optional(),
  allowUiUpdates: z.boolean().optional(),
  updateIntervalSeconds: z.number().int().positive().optional(),
  options: z.object({ path: z.string().min(1), foldersFromFilesStructure: z.boolean().optional() }),
});

const dashboardProvidersFileSchema = z.object({
  apiVersion: z.literal(1),
  providers: z.array(provider).min(1),
});

export type DatasourcesFile = z.infer<typeof datasourcesFileSchema>;
export type DashboardProvidersFile = z.infer<typeof dashboardProvidersFileSchema>;

function parseWith<T extends z.ZodType>(schema: T, text: string, what: string): z.output<T> {
  const result = schema.safeParse(parse(text) as unknown);
  if (!result.success) throw new Error(`${what}: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return result.data;
}

export function parseDatasourcesFile(text: string): DatasourcesFile {
  return parseWith(datasourcesFileSchema, text, 'datasource provisioning');
}

export function parseDashboardProvidersFile(text: string): DashboardProvidersFile {
  return parseWith(dashboardProvidersFileSchema, text, 'dashboard provisioning');
}

/** Where the expansion looks up names and reads `$__file{}` paths (Grafana: its process env and its filesystem). */
export interface GrafanaExpansionSource {
  env: Readonly<Record<string, string | undefined>>;
  /** A file's content; throw when it cannot be read (Grafana then fails to start or to provision). */
  readFile?: (path: string) => string;
}

/**
 * Grafana's expanders (pkg/setting/expanders.go): `${NAME}` and `$__env{NAME}` from the
 * environment, then `$__file{PATH}` (content, trimmed), each on the matches found before it ran.
 * This is all grafana.ini gets (after GF_* overrides); nothing else is rewritten there.
 */
export function expandGrafanaVars(value: string, source: GrafanaExpansionSource): string {
  let s = value;
  for (const expander of ['env', 'file'] as const) {
    const matches = [...s.matchAll(/\$(|__\w+)\{([^}]+)\}/g)];
    for (const [whole, kind, arg] of matches) {
      const applies = expander === 'env' ? kind === '' || kind === '__env' : kind === '__file';
      if (!applies) continue;
      let replacement: string;
      if (expander === 'env') replacement = source.env[arg as string] ?? '';
      else {
        if (!source.readFile) throw new Error(`$__file{${arg}}: no file reader given`);
        replacement = source.readFile(arg as string).trim();
      }
      // Grafana replaces the first occurrence in the string as it stands, like strings.Replace(s, m, v, 1).
      s = s.replace(whole, () => replacement);
    }
  }
  return s;
}

const SHELL_SPECIAL = new Set('*#$@!?-0123456789');
const NAME_CHAR = /[A-Za-z0-9_]/;

/** Go's os.ExpandEnv: `$NAME`, `${NAME}`, `$` + one special character; an unknown name is empty. */
export function goExpandEnv(value: string, env: Readonly<Record<string, string | undefined>>): string {
  let out = '';
  let i = 0;
  for (let j = 0; j < value.length; j++) {
    if (value[j] !== '$' || j + 1 >= value.length) continue;
    out += value.slice(i, j);
    const rest = value.slice(j + 1);
    let name = '';
    let width = 0;
    if (rest[0] === '{') {
      if (rest.length > 2 && SHELL_SPECIAL.has(rest[1] as string) && rest[2] === '}') [name, width] = [rest[1] as string, 3];
      else {
        const close = rest.indexOf('}');
        if (close === -1)
          width = 1; // bad syntax: "${" is eaten
        else if (close === 1)
          width = 2; // "${}" is eaten
        else [name, width] = [rest.slice(1, close), close + 1];
      }
    } else if (SHELL_SPECIAL.has(rest[0] as string)) [name, width] = [rest[0] as string, 1];
    else {
      while (width < rest.length && NAME_CHAR.test(rest[width] as string)) width++;
      name = rest.slice(0, width);
    }
    if (name !== '') out += env[name] ?? '';
    else if (width === 0) out += '$';
    j += width;
    i = j + 1;
  }
  return out + value.slice(i);
}

/**
 * A provisioning value as Grafana reads it (pkg/services/provisioning/values, interpolateValue):
 * split on `$$` (a literal `$`), then every part through the expanders above AND then through Go's
 * os.ExpandEnv. A value that came in through `${NAME}` or `$__file{}` is therefore expanded a
 * second time: a `$` inside a password is eaten. Only `$$` written in the file itself is literal.
 */
export function expandProvisioningValue(value: string, source: GrafanaExpansionSource): string {
  return value
    .split('$$')
    .map((part) => goExpandEnv(expandGrafanaVars(part, source), source.env))
    .join('$');
}
