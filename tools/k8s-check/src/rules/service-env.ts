/**
 * K8S_SERVICE_ENV: what the rendering gives each container of the seven workloads (literal env,
 * ConfigMap keys, the downward API, the `<service>-secrets` Secret that tools/stack generates,
 * `_FILE` paths into mounted Secrets, whose content is known for the generated Secrets) passes that
 * service's own env schema and the agent's settings, and names no variable either of them does not
 * know. Otherwise the pod would only show it on a cluster, as exit 78 in a crash loop.
 * K8S_SECRET_FILE: a setting the schema marks secret comes only through NAME_FILE, never as a
 * variable (which /proc/<pid>/environ, `kubectl describe pod` and crash reports show).
 */
import { ConfigError, loadConfig, type EnvShape } from '@ft/agent';
import { agentEnv } from '@ft/agent';
import { isSecret } from '@ft/agent';
import { generateSecrets } from '@ft/stack';
import { SERVICE_ENV_SHAPES } from '@ft/stack/service-schemas';
import { secretEnv } from '@ft/stack';
import { violation, type Violation } from '../errors.js';
import { asRecord, asRecords, asString, findObject, get, kindOf, nameOf, namespaceOf, shown, type Json, type K8sObject } from '../manifest.js';
import { allowedSecretNames, SERVICE_NAMES, type ServiceName } from '../platform.js';
import { serviceWorkloads } from './workloads.js';

/** Variables a container may carry that no schema reads: the OS's, Node's, the runtime's. */
const PLATFORM_VARS = new Set(['PATH', 'HOME', 'HOSTNAME', 'TERM', 'TZ', 'LANG', 'LC_ALL', 'USER', 'SHELL', 'NODE_OPTIONS', 'NODE_ENV', 'NODE_EXTRA_CA_CERTS']);

/** Keys a Secret of type kubernetes.io/tls holds (ft-tls, `kubectl create secret tls`). */
const TLS_SECRET_KEYS = ['tls.crt', 'tls.key'];

/** One sample of what setup.sh writes into each `<service>-secrets`: the values are never printed. */
let sampleSecretEnv: Map<string, Record<string, string>> | undefined;
function secretEnvOf(secretName: string): Record<string, string> | undefined {
  if (!sampleSecretEnv) {
    const secrets = generateSecrets(new Date(0));
    sampleSecretEnv = new Map(SERVICE_NAMES.map((s) => [`${s}-secrets`, secretEnv(s, secrets)]));
  }
  return sampleSecretEnv.get(secretName);
}

interface EnvValue {
  value: string;
  /** From a Secret: its value is never shown in a message. */
  secret: boolean;
}

interface BuiltEnv {
  env: Map<string, EnvValue>;
  problems: string[];
}

/** The downward API fields a pod may read, as a stand-in value of the right shape. */
function fieldValue(path: string | undefined, workload: K8sObject): string | undefined {
  switch (path) {
    case 'metadata.name':
      return `${nameOf(workload)}-0`;
    case 'metadata.namespace':
      return namespaceOf(workload) ?? 'default';
    case 'metadata.uid':
      return '00000000-0000-4000-8000-000000000000';
    case 'spec.nodeName':
    case 'spec.serviceAccountName':
      return 'node';
    case 'status.podIP':
    case 'status.hostIP':
      return '10.244.0.10';
    case 'status.podIPs':
    case 'status.hostIPs':
      return '10.244.0.10';
    default:
      return path?.startsWith('metadata.labels[') || path?.startsWith('metadata.annotations[') ? 'value' : undefined;
  }
}

function configMapData(objects: K8sObject[], name: string | undefined, namespace: string | undefined): Json | undefined {
  const cm = name ? findObject(objects, 'ConfigMap', name, namespace) : undefined;
  return cm ? (asRecord(cm.data) ?? {}) : undefined;
}

/** The container's environment as Kubernetes would start it (envFrom first, env entries override). */
function buildEnv(container: Json, workload: K8sObject, objects: K8sObject[]): BuiltEnv {
  const namespace = namespaceOf(workload);
  const env = new Map<string, EnvValue>();
  const problems: string[] = [];
  for (const from of asRecords(container.envFrom)) {
    const prefix = asString(from.prefix) ?? '';
    const cmName = asString(get(from, 'configMapRef', 'name'));
    const secretName = asString(get(from, 'secretRef', 'name'));
    if (cmName) {
      const data = configMapData(objects, cmName, namespace);
      if (!data) problems.push(`envFrom ConfigMap ${cmName} is not in the rendering`);
      for (const [key, value] of Object.entries(data ?? {})) if (typeof value === 'string') env.set(prefix + key, { value, secret: false });
    }
    if (secretName) {
      const data = secretEnvOf(secretName);
      if (!data) problems.push(`envFrom Secret ${secretName} is not one setup.sh fills with a service's environment`);
      for (const [key, value] of Object.entries(data ?? {})) env.set(prefix + key, { value, secret: true });
    }
  }
  for (const entry of asRecords(container.env)) {
    const name = asString(entry.name);
    if (!name) continue;
    if (entry.value !== undefined) {
      env.set(name, { value: asString(entry.value) ?? shown(entry.value), secret: false });
      continue;
    }
    const cmRef = asRecord(get(entry, 'valueFrom', 'configMapKeyRef'));
    const secretRef = asRecord(get(entry, 'valueFrom', 'secretKeyRef'));
    const fieldPath = asString(get(entry, 'valueFrom', 'fieldRef', 'fieldPath'));
    const optional = (cmRef ?? secretRef)?.optional === true;
    if (cmRef) {
      const key = asString(cmRef.key) ?? '';
      const value = configMapData(objects, asString(cmRef.name), namespace)?.[key];
      if (typeof value === 'string') env.set(name, { value, secret: false });
      else if (!optional) problems.push(`${name}: ConfigMap ${asString(cmRef.name) ?? '?'} has no key ${key}`);
    } else if (secretRef) {
      const key = asString(secretRef.key) ?? '';
      const value = secretEnvOf(asString(secretRef.name) ?? '')?.[key];
      if (value !== undefined) env.set(name, { value, secret: true });
      else if (!optional) problems.push(`${name}: Secret ${asString(secretRef.name) ?? '?'} as setup.sh makes it has no key ${key}`);
    } else if (get(entry, 'valueFrom', 'fieldRef') !== undefined) {
      const value = fieldValue(fieldPath, workload);
      if (value !== undefined) env.set(name, { value, secret: false });
      else problems.push(`${name}: fieldRef ${fieldPath ?? '?'} is not a field the downward API gives`);
    } else if (get(entry, 'valueFrom', 'resourceFieldRef') !== undefined) {
      env.set(name, { value: '1', secret: false });
    } else {
      problems.push(`${name}: neither a value nor a valueFrom the checker knows`);
    }
  }
  return { env, problems };
}

interface SecretMount {
  /** The mount path; with a subPath, the one file mounted there. */
  path: string;
  secretName: string;
  /** The file names the mount shows, when known (items, or ft-tls's fixed keys). */
  files: string[] | undefined;
  /** A subPath mount: `path` is a file. */
  single: boolean;
  /** A subPath that is not one of the Secret's keys: nothing usable is mounted. */
  missingKey?: string;
}

/** Where each Secret volume of the pod is mounted in this container, and the keys it shows there. */
function secretMounts(container: Json, podSpec: Json): SecretMount[] {
  const volumes = new Map(asRecords(podSpec.volumes).map((v) => [asString(v.name) ?? '', v]));
  const out: SecretMount[] = [];
  for (const mount of asRecords(container.volumeMounts)) {
    const secret = asRecord(volumes.get(asString(mount.name) ?? '')?.secret);
    const secretName = asString(secret?.secretName);
    const path = asString(mount.mountPath);
    if (!secret || !secretName || !path) continue;
    const items = asRecords(secret.items);
    // Without items every key is a file: ft-tls's keys and each `<service>-secrets`' are known.
    const generated = secretEnvOf(secretName);
    const files =
      items.length > 0
        ? items.flatMap((i) => asString(i.path) ?? [])
        : secretName === 'ft-tls'
          ? TLS_SECRET_KEYS
          : generated
            ? Object.keys(generated)
            : undefined;
    const subPath = asString(mount.subPath);
    if (subPath) {
      const missing = files !== undefined && !files.includes(subPath);
      out.push({ path, secretName, files, single: true, ...(missing ? { missingKey: subPath } : {}) });
    } else out.push({ path: path.replace(/\/+$/, ''), secretName, files, single: false });
  }
  return out;
}

interface FileLookup {
  /** Why `file` is not a file a mounted Secret provides; undefined when it is. */
  problem?: string;
  /** What setup.sh puts in it, when the Secret is a service's generated one (never printed). */
  content?: string;
}

function lookupFile(file: string, mounts: SecretMount[]): FileLookup {
  const known = allowedSecretNames();
  for (const m of mounts) {
    if (m.single ? file !== m.path : !file.startsWith(`${m.path}/`)) continue;
    if (!known.has(m.secretName)) return { problem: `${file} is in Secret ${m.secretName}, which setup.sh does not create` };
    if (m.missingKey !== undefined) return { problem: `${file}: Secret ${m.secretName} has no key ${m.missingKey}` };
    const rel = m.single ? undefined : file.slice(m.path.length + 1);
    if (rel !== undefined && m.files && !m.files.includes(rel)) return { problem: `${file}: Secret ${m.secretName} mounted at ${m.path} has no key ${rel}` };
    const content = rel === undefined ? undefined : secretEnvOf(m.secretName)?.[rel];
    return content === undefined ? {} : { content };
  }
  return { problem: `${file} is not under the mount of a Secret` };
}

/** A ConfigError's text, without the value it quotes when that value came from a Secret. */
function describe(error: unknown, fromSecret: boolean): string {
  const message = error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error);
  return fromSecret ? message.replace(/ \(got .*\)$/s, '') : message;
}

interface ContainerProblems {
  env: string[];
  /** Secret settings that reach the container as variables (K8S_SECRET_FILE). */
  asVariable: string[];
}

function checkContainer(service: ServiceName, container: Json, workload: K8sObject, podSpec: Json, objects: K8sObject[]): ContainerProblems {
  const shape: EnvShape = { ...SERVICE_ENV_SHAPES[service], ...agentEnv };
  const { env, problems } = buildEnv(container, workload, objects);
  const mounts = secretMounts(container, podSpec);
  const values: Record<string, string> = {};
  const fromFile = new Set<string>();
  /** Settings whose value came from a Secret (directly or through its file): never quoted. */
  const hidden = new Set<string>();
  for (const [name, { value }] of env) {
    const base = name.endsWith('_FILE') ? name.slice(0, -'_FILE'.length) : undefined;
    if (base !== undefined && base in shape) {
      // Present if a mounted Secret provides the path; its content is known for the generated Secrets.
      const { problem, content } = lookupFile(value, mounts);
      if (problem) problems.push(`${name}: ${problem}`);
      if (env.has(base) && env.get(base)?.value !== '') problems.push(`${base}: is set both directly and through ${name}; set only one`);
      if (content !== undefined && !env.has(base)) {
        values[base] = content;
        hidden.add(base);
      } else fromFile.add(base);
      continue;
    }
    if (!(name in shape) && !PLATFORM_VARS.has(name)) {
      problems.push(`${name}: not a variable ${service} or its agent reads`);
      continue;
    }
    values[name] = value;
  }
  // Each variable on its own, so one run names every bad one (loadConfig stops at the first).
  for (const [name, schema] of Object.entries(shape)) {
    if (fromFile.has(name)) continue;
    try {
      loadConfig({ [name]: schema }, values);
    } catch (error) {
      problems.push(describe(error, env.get(name)?.secret === true || hidden.has(name)));
    }
  }
  const asVariable = Object.entries(shape)
    .filter(([name, schema]) => isSecret(schema) && env.has(name) && env.get(name)?.value !== '')
    .map(([name]) => `${name}: a secret setting reaches the container as an environment variable; mount its Secret and set ${name}_FILE instead`);
  return { env: problems, asVariable };
}

export function checkServiceEnv(objects: K8sObject[]): Violation[] {
  const out: Violation[] = [];
  for (const { service, workload, podSpec } of serviceWorkloads(objects)) {
    for (const container of asRecords(podSpec.containers)) {
      const found = checkContainer(service, container, workload, podSpec, objects);
      const label = `container ${asString(container.name) ?? '<unnamed>'}`;
      for (const problem of found.env) out.push(violation('K8S_SERVICE_ENV', kindOf(workload), nameOf(workload), `${label}: ${problem}`));
      for (const problem of found.asVariable) out.push(violation('K8S_SECRET_FILE', kindOf(workload), nameOf(workload), `${label}: ${problem}`));
    }
  }
  return out;
}
