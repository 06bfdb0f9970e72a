/**
 * Finding each service's workload and container in a rendering: the other rule groups start here.
 */
import { containersOf, kindOf, nameOf, namespaceOf, podSpecOf, type Json, type K8sObject } from '../manifest.js';
import { NAMESPACE, SERVICE_NAMES, type ServiceName } from '../platform.js';

export interface ServiceWorkload {
  service: ServiceName;
  workload: K8sObject;
  podSpec: Json;
  /** The container named after the service, when there is one. */
  container?: Json;
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet']);

/** Objects carrying pods in the services' namespace (the add-ons' own pods live elsewhere). */
export function platformPodOwners(objects: K8sObject[]): K8sObject[] {
  return objects.filter((o) => namespaceOf(o) === NAMESPACE && podSpecOf(o) !== undefined);
}

export function serviceWorkloads(objects: K8sObject[]): ServiceWorkload[] {
  const out: ServiceWorkload[] = [];
  for (const service of SERVICE_NAMES) {
    const workload = objects.find((o) => WORKLOAD_KINDS.has(kindOf(o)) && nameOf(o) === service && namespaceOf(o) === NAMESPACE);
    const podSpec = workload ? podSpecOf(workload) : undefined;
    if (!workload || !podSpec) continue;
    const container = containersOf(podSpec).find((c) => c.name === service);
    out.push(container ? { service, workload, podSpec, container } : { service, workload, podSpec });
  }
  return out;
}
