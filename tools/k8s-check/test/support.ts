/**
 * The checker's own fixture: a minimal valid platform (test/fixtures/platform), rendered once with
 * kubectl, and copies of it for the tests to break.
 */
import { fileURLToPath } from 'node:url';
import type { Violation } from '../src/errors.js';
import { asRecord, asRecords, findObject, get, type Json, type K8sObject } from '../src/manifest.js';
import { renderKustomization } from '../src/render.js';

export const FIXTURE_DIR = fileURLToPath(new URL('./fixtures/platform/', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

let rendered: Promise<K8sObject[]> | undefined;

/** A fresh deep copy of the fixture's rendering. */
export async function fixtureObjects(): Promise<K8sObject[]> {
  rendered ??= renderKustomization(FIXTURE_DIR);
  return structuredClone(await rendered);
}

export function must(objects: K8sObject[], kind: string, name: string): Json {
  const obj = findObject(objects, kind, name);
  if (!obj) throw new Error(`fixture has no ${kind}/${name}`);
  return obj;
}

/** The container named after the service in the fixture's workload (Deployment or StatefulSet). */
export function container(objects: K8sObject[], service: string): Json {
  const workload = findObject(objects, 'Deployment', service) ?? findObject(objects, 'StatefulSet', service);
  const c = asRecords(get(workload, 'spec', 'template', 'spec', 'containers')).find((x) => x.name === service);
  if (!c) throw new Error(`fixture has no container ${service}`);
  return c;
}

export function podSpec(objects: K8sObject[], kind: string, name: string): Json {
  const spec = asRecord(get(must(objects, kind, name), 'spec', 'template', 'spec'));
  if (!spec) throw new Error(`fixture ${kind}/${name} has no pod spec`);
  return spec;
}

export function servicePorts(objects: K8sObject[], name: string): Json[] {
  const ports = get(must(objects, 'Service', name), 'spec', 'ports');
  if (!Array.isArray(ports)) throw new Error(`fixture Service/${name} has no ports`);
  return ports as Json[];
}

export function rules(violations: Violation[]): string[] {
  return [...new Set(violations.map((v) => v.rule))].sort();
}
