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

/**
 * Grafana's provisioning interpolation: $NAME and ${NAME} from its environment; $$ is a literal $.
 * Used by the tests to read a value as Grafana will see it.
 */
export function expandProvisioningEnv(value: string, env: Readonly<Record<string, string | undefined>>): string {
  return value.replace(/\$\$|\$\{(\w+)\}|\$(\w+)/g, (all, braced: string | undefined, bare: string | undefined) => {
    if (all === '$$') return '$';
    const name = (braced ?? bare) as string;
    const v = env[name];
    if (v === undefined) throw new Error(`provisioning refers to $${name}, which is not in Grafana's environment`);
    return v;
  });
}
