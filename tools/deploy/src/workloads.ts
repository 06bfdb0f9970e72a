/** Each service is a workload and a container of its name (k8s/README.md); these three keep data in a StatefulSet. */
import type { ServiceName } from '@ft/stack';

export type WorkloadKind = 'Deployment' | 'StatefulSet';

export function workloadKind(service: ServiceName | string): WorkloadKind {
  return service === 'mysql' || service === 'influxdb' || service === 'ftps' ? 'StatefulSet' : 'Deployment';
}

/** `deployment/nginx`, `statefulset/mysql`: as kubectl takes them. */
export const workloadRef = (service: string) => `${workloadKind(service).toLowerCase()}/${service}`;
