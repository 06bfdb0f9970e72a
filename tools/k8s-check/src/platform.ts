/**
 * What SPEC.md and the contracts (notes/contracts.md section 4) say the cluster must look like:
 * the one place the rules take their expectations from.
 */
import type { ServiceName } from '@ft/stack';

export const NAMESPACE = 'ft-services';
export const AGENT_PORT = 9180;
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

export const SERVICES: Record<ServiceName, ServiceFacts> = {
  nginx: { type: 'LoadBalancer', ports: [80, 443, 22] },
  wordpress: {
    type: 'LoadBalancer',
    ports: [5050],
    // Uploaded media (services/wordpress: the image's wp-content/uploads).
    dataDir: { variable: 'WORDPRESS_UPLOADS_DIR', default: '/usr/share/webapps/wordpress/wp-content/uploads' },
    drainOnStop: true,
  },
  phpmyadmin: { type: 'LoadBalancer', ports: [5000], drainOnStop: true },
  mysql: { type: 'ClusterIP', ports: [3306], dataDir: { variable: 'MYSQL_DATA_DIR', default: '/var/lib/mysql' } },
  ftps: { type: 'LoadBalancer', ports: [21], dataDir: { variable: 'FTP_DATA_DIR', default: '/var/lib/ftp' } },
  influxdb: {
    type: 'ClusterIP',
    ports: [8086],
    dataDir: { variable: 'INFLUXDB_DATA_DIR', default: '/var/lib/influxdb' },
  },
  grafana: { type: 'LoadBalancer', ports: [3000] },
};

export const SERVICE_NAMES = Object.keys(SERVICES) as ServiceName[];

/** ftps's passive range when the pod does not set it (services/ftps/Dockerfile's ENV). */
export const FTP_PASSIVE_DEFAULT = { min: 30000, max: 30004 };

/** The Secrets setup.sh creates (contracts section 4); pods may reference nothing else. */
export function allowedSecretNames(): Set<string> {
  return new Set([...SERVICE_NAMES.map((s) => `${s}-secrets`), 'ft-tls', 'nginx-ssh-host-keys']);
}
