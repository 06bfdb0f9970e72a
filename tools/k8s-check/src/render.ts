/**
 * Renders a kustomization with `kubectl kustomize DIR` (offline) and parses the multi-document YAML.
 */
import { execFile } from 'node:child_process';
import { parseAllDocuments } from 'yaml';
import { asRecord, asRecords, type K8sObject } from './manifest.js';

/** kubectl is not on PATH: the checks cannot render anything. */
export class ToolMissingError extends Error {
  constructor(
    readonly tool: string,
    hint: string,
  ) {
    super(hint.startsWith(`${tool} `) ? hint : `${tool} is not installed (not found on PATH): ${hint}`);
    this.name = 'ToolMissingError';
  }
}

export const KUBECTL_HINT =
  'install kubectl (Debian 12 has no current kubectl package; see https://kubernetes.io/docs/tasks/tools/install-kubectl-linux/) and re-run';

export class RenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RenderError';
  }
}

function run(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: 64 * 1024 * 1024, env: env ?? process.env }, (error, stdout, stderr) => {
      if (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') reject(new ToolMissingError(command, KUBECTL_HINT));
        else reject(new RenderError(`${command} ${args.join(' ')} failed: ${stderr.trim() || error.message}`));
        return;
      }
      resolve(stdout);
    });
  });
}

/** Parses multi-document YAML into objects; a `kind: List` is flattened into its items. */
export function parseManifests(text: string): K8sObject[] {
  const objects: K8sObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new RenderError(`invalid YAML: ${doc.errors[0]?.message ?? 'parse error'}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    const record = asRecord(value);
    if (!record) throw new RenderError('a YAML document is not an object');
    if (record.kind === 'List') objects.push(...asRecords(record.items));
    else objects.push(record);
  }
  return objects;
}

/** The oldest kubectl whose kustomize (v5) renders components and replacements as k8s/ uses them. */
export const MIN_KUBECTL_MINOR = 27;

/**
 * Fails with ToolMissingError when kubectl is absent or older than 1.27 (Debian 12's
 * kubernetes-client is 1.20, whose kustomize v2 knows neither components nor replacements).
 */
export async function requireKubectl(env?: NodeJS.ProcessEnv): Promise<string> {
  const text = await run('kubectl', ['version', '--client', '-o', 'json'], env);
  let version: { clientVersion?: { major?: string; minor?: string; gitVersion?: string } } = {};
  try {
    version = JSON.parse(text) as typeof version;
  } catch {
    // Very old clients print no JSON: treated as too old below.
  }
  const major = Number.parseInt(version.clientVersion?.major ?? '', 10);
  const minor = Number.parseInt(version.clientVersion?.minor ?? '', 10);
  const label = version.clientVersion?.gitVersion ?? 'unknown version';
  if (!(major > 1 || (major === 1 && minor >= MIN_KUBECTL_MINOR))) {
    throw new ToolMissingError('kubectl', `kubectl ${label} is too old (need 1.${MIN_KUBECTL_MINOR}+); ${KUBECTL_HINT}`);
  }
  return label;
}

export async function renderKustomization(dir: string, env?: NodeJS.ProcessEnv): Promise<K8sObject[]> {
  return parseManifests(await run('kubectl', ['kustomize', dir], env));
}
