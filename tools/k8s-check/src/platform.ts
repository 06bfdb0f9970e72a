/**
 * What SPEC.md and the catalogue (@ft/platform) say the cluster must look like, in the shape the
 * rules read: the one place the rules take their expectations from.
 */
import { AGENT_PORT, CATALOGUE, SECRET_NAMES, serviceEntry, SERVICES as SERVICE_ORDER, type ServiceName } from '@ft/platform';

export const NAMESPACE = 'ft-services';
export { AGENT_PORT };
export const IMAGE_PREFIX = 'ft_services/';
export const SHARED_IP_ANNOTATION = 'metallb.io/allow-shared-ip';
export const REQUESTED_IP_ANNOTATION = 'metallb.io/loadBalancerIPs';

export type { ServiceName };

export interface ServiceFacts {
  type: 'LoadBalancer' | 'ClusterIP';
  /** The ports SPEC.md lists; ftps's passive range is added from the container's settings. */
  ports: number[];
  /** The data directory's variable and its default (the image's ENV / the agent's default), when the data must persist. */
  dataDir?: { variable: string; default: string };
  /** A web service whose endpoints must drain before it stops (a preStop delay, K8S_GRACEFUL_STOP). */
  drainOnStop?: boolean;
}

function factsOf(service: ServiceName): ServiceFacts {
  const entry = serviceEntry(service);
  return {
    type: entry.exposure === 'load-balancer' ? 'LoadBalancer' : 'ClusterIP',
    ports: entry.ports.map((p) => p.port),
    ...(entry.dataDir ? { dataDir: { ...entry.dataDir } } : {}),
    ...(entry.drainOnStop ? { drainOnStop: true } : {}),
  };
}

export const SERVICES: Record<ServiceName, ServiceFacts> = Object.fromEntries(SERVICE_ORDER.map((s) => [s, factsOf(s)])) as Record<ServiceName, ServiceFacts>;

/** The services, in the catalogue's start order. */
export const SERVICE_NAMES: ServiceName[] = [...SERVICE_ORDER];

/** ftps's passive range when the pod does not set it (services/ftps/Dockerfile's ENV). */
export const FTP_PASSIVE_DEFAULT = { ...CATALOGUE.ftps.passivePorts };

/** The Secrets setup.sh creates (contracts section 4); pods may reference nothing else. */
export function allowedSecretNames(): Set<string> {
  return new Set(SECRET_NAMES);
}
