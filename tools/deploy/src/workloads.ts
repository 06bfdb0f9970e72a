/** Each service is a workload and a container of its name (k8s/README.md), of the kind the catalogue gives it. */
import { CATALOGUE, isServiceName } from '@ft/platform';

export type WorkloadKind = 'Deployment' | 'StatefulSet';

export function workloadKind(service: string): WorkloadKind {
  return isServiceName(service) ? CATALOGUE[service].workload : 'Deployment';
}

/** `deployment/nginx`, `statefulset/mysql`: as kubectl takes them. */
export const workloadRef = (service: string) => `${workloadKind(service).toLowerCase()}/${service}`;
