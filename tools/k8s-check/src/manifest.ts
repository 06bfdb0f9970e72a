/**
 * Reading rendered objects without trusting their shape: the rules run on objects the schema may
 * already have rejected, so every access narrows `unknown` instead of casting.
 */
export type Json = Record<string, unknown>;

/** One rendered Kubernetes object, as parsed from YAML. */
export interface K8sObject extends Json {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: unknown;
}

export function asRecord(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asRecords(value: unknown): Json[] {
  return asArray(value).flatMap((item) => {
    const record = asRecord(item);
    return record ? [record] : [];
  });
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A manifest value as a message shows it: scalars as they are, a list or a map as JSON (not `[object Object]`). */
export function shown(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** `get(obj, 'spec', 'template', 'spec')`: undefined as soon as a step is not an object. */
export function get(value: unknown, ...path: string[]): unknown {
  let current: unknown = value;
  for (const key of path) {
    const record = asRecord(current);
    if (!record) return undefined;
    current = record[key];
  }
  return current;
}

export function kindOf(obj: K8sObject): string {
  return asString(obj.kind) ?? '<no kind>';
}

export function nameOf(obj: K8sObject): string {
  return asString(get(obj, 'metadata', 'name')) ?? '<no name>';
}

export function namespaceOf(obj: K8sObject): string | undefined {
  return asString(get(obj, 'metadata', 'namespace'));
}

export function annotationsOf(obj: K8sObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(asRecord(get(obj, 'metadata', 'annotations')) ?? {})) {
    if (typeof value === 'string') out[key] = value;
  }
  return out;
}

export function findObject(objects: K8sObject[], kind: string, name: string, namespace?: string): K8sObject | undefined {
  return objects.find((o) => kindOf(o) === kind && nameOf(o) === name && (namespace === undefined || namespaceOf(o) === namespace));
}

/** Kinds that carry a pod template, and where it is. */
const POD_TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

export function podSpecOf(obj: K8sObject): Json | undefined {
  const kind = kindOf(obj);
  if (kind === 'Pod') return asRecord(obj.spec);
  if (POD_TEMPLATE_KINDS.has(kind)) return asRecord(get(obj, 'spec', 'template', 'spec'));
  if (kind === 'CronJob') return asRecord(get(obj, 'spec', 'jobTemplate', 'spec', 'template', 'spec'));
  return undefined;
}

export function podLabelsOf(obj: K8sObject): Record<string, string> {
  const labels = kindOf(obj) === 'Pod' ? get(obj, 'metadata', 'labels') : get(obj, 'spec', 'template', 'metadata', 'labels');
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(asRecord(labels) ?? {})) if (typeof value === 'string') out[key] = value;
  return out;
}

export function containersOf(podSpec: Json | undefined): Json[] {
  return asRecords(podSpec?.containers);
}

export function initContainersOf(podSpec: Json | undefined): Json[] {
  return asRecords(podSpec?.initContainers);
}

/** A `ref` for messages: `Deployment/mysql` plus the container when there is one. */
export function containerLabel(container: Json): string {
  return `container ${asString(container.name) ?? '<unnamed>'}`;
}
