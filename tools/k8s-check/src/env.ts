/**
 * A container's environment as far as the manifests decide it: literal values, and values taken
 * from a ConfigMap of the rendering (key refs and envFrom). Secret-sourced variables are known to
 * exist but have no value here.
 */
import { asRecord, asRecords, asString, findObject, get, shown, type Json, type K8sObject } from './manifest.js';

export interface EnvEntry {
  value?: string;
  source: 'literal' | 'configmap' | 'secret' | 'other';
}

function configMapData(objects: K8sObject[], name: string | undefined, namespace: string | undefined): Json {
  if (!name) return {};
  const cm = findObject(objects, 'ConfigMap', name, namespace);
  return asRecord(cm?.data) ?? {};
}

export function containerEnv(container: Json, objects: K8sObject[], namespace: string | undefined): Map<string, EnvEntry> {
  const env = new Map<string, EnvEntry>();
  // envFrom first: explicit env entries override it, as in Kubernetes.
  for (const from of asRecords(container.envFrom)) {
    const prefix = asString(from.prefix) ?? '';
    const cmName = asString(get(from, 'configMapRef', 'name'));
    if (cmName) {
      for (const [key, value] of Object.entries(configMapData(objects, cmName, namespace))) {
        env.set(prefix + key, { value: asString(value), source: 'configmap' });
      }
    }
  }
  for (const entry of asRecords(container.env)) {
    const name = asString(entry.name);
    if (!name) continue;
    if (entry.value !== undefined) {
      env.set(name, { value: asString(entry.value) ?? shown(entry.value), source: 'literal' });
      continue;
    }
    const cmRef = asRecord(get(entry, 'valueFrom', 'configMapKeyRef'));
    if (cmRef) {
      const data = configMapData(objects, asString(cmRef.name), namespace);
      env.set(name, { value: asString(data[asString(cmRef.key) ?? '']), source: 'configmap' });
    } else if (get(entry, 'valueFrom', 'secretKeyRef')) {
      env.set(name, { source: 'secret' });
    } else {
      env.set(name, { source: 'other' });
    }
  }
  return env;
}

/** The value of a numeric setting, or its default when the manifests leave it unset. */
export function envNumber(env: Map<string, EnvEntry>, name: string, fallback: number): number | undefined {
  const entry = env.get(name);
  if (!entry) return fallback;
  // Set, but from a Secret or a key the rendering lacks: the manifests do not tell the value.
  if (entry.value === undefined) return undefined;
  const n = Number(entry.value);
  return Number.isInteger(n) ? n : undefined;
}
