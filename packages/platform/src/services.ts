/**
 * The seven services, written once: their one start order, the ports clients reach (on the one
 * load-balancer address, or inside the cluster), the ports each container binds, the workload that
 * runs it, and which settings each container is given: generated account names (variables from its
 * Secret), secret settings (files of its Secret, `NAME_FILE`) and plain settings. tools/stack,
 * tools/deploy, tools/k8s-check, tools/e2e and bench read it; the manifests in k8s/ are checked
 * against it (k8s-check's K8S_CATALOGUE_ENV).
 */

/**
 * The one start order: the databases first, so the others find them sooner. The local mode starts
 * in this order and stops in reverse; every list of services (status tables, deploy steps) follows it.
 */
export const SERVICES = ['influxdb', 'mysql', 'wordpress', 'phpmyadmin', 'nginx', 'ftps', 'grafana'] as const;

export type ServiceName = (typeof SERVICES)[number];

export function isServiceName(name: string): name is ServiceName {
  return (SERVICES as readonly string[]).includes(name);
}

/** The agent's /healthz, /readyz and /metrics in every container: never a port of a Service. */
export const AGENT_PORT = 9180;

export interface ServicePort {
  /** The port's name in the manifests (container port and Service port). */
  name: string;
  port: number;
}

/** A contiguous range of ports, both ends included (FTPS's passive data ports). */
export interface PortRange {
  min: number;
  max: number;
}

export interface ServiceEntry {
  /** On the one load-balancer address (SPEC's public ports), or reachable inside the cluster only. */
  exposure: 'load-balancer' | 'cluster';
  /** StatefulSet where a claim must follow the pod (data, uploads); Deployment otherwise. */
  workload: 'Deployment' | 'StatefulSet';
  /** What clients connect to, in this order on the Service (public when exposure is load-balancer). */
  ports: readonly ServicePort[];
  /** Passive data ports, each listed on the Service (FTPS only). */
  passivePorts?: PortRange;
  /** The persistent data's directory setting and its default in the image, when data must outlive the pod. */
  dataDir?: { variable: string; default: string };
  /** A web service whose endpoints must drain before it stops (a preStop delay). */
  drainOnStop?: boolean;
  /** Serves TLS with the platform's certificate (Secret ft-tls, TLS_CERT_FILE / TLS_KEY_FILE). */
  tls: boolean;
  /** Generated account names, read as variables from `<service>-secrets` (never secret). */
  accounts: readonly string[];
  /** Secret settings, read only from files of the mounted `<service>-secrets` (`NAME_FILE`). */
  secrets: readonly string[];
  /**
   * Plain settings the cluster gives the container (the manifests' `env` values and ft-config's
   * EXTERNAL_HOST), the agent's own (AGENT_*) included; the local mode adds its addresses and paths.
   */
  settings: readonly string[];
}

/** Every agent pushes its metrics with the write account: in every service's Secret. */
const AGENT_ACCOUNTS = ['AGENT_INFLUX_USER'] as const;
const AGENT_SECRETS = ['AGENT_INFLUX_PASSWORD'] as const;
const AGENT_SETTINGS = ['AGENT_POD_NAME', 'AGENT_INFLUX_URL', 'AGENT_INFLUX_DB'] as const;
const TLS_SETTINGS = ['TLS_CERT_FILE', 'TLS_KEY_FILE'] as const;
const MYSQL_CLIENT = ['MYSQL_HOST', 'MYSQL_PORT'] as const;

/** WordPress's authentication keys and salts (wp-config.php), one secret setting each. */
export const WORDPRESS_SALT_SETTINGS = [
  'WORDPRESS_AUTH_KEY',
  'WORDPRESS_SECURE_AUTH_KEY',
  'WORDPRESS_LOGGED_IN_KEY',
  'WORDPRESS_NONCE_KEY',
  'WORDPRESS_AUTH_SALT',
  'WORDPRESS_SECURE_AUTH_SALT',
  'WORDPRESS_LOGGED_IN_SALT',
  'WORDPRESS_NONCE_SALT',
] as const;

/**
 * The entries, typed with their literal names so that code filling a service's settings
 * (tools/stack's secretParts, k8sConfigEnv) must give exactly these keys.
 */
export const CATALOGUE = {
  influxdb: {
    exposure: 'cluster',
    workload: 'StatefulSet',
    ports: [{ name: 'http', port: 8086 }],
    dataDir: { variable: 'INFLUXDB_DATA_DIR', default: '/var/lib/influxdb' },
    tls: false,
    accounts: ['INFLUXDB_ADMIN_USER', 'INFLUXDB_WRITE_USER', 'INFLUXDB_READ_USER', ...AGENT_ACCOUNTS],
    secrets: ['INFLUXDB_ADMIN_PASSWORD', 'INFLUXDB_WRITE_PASSWORD', 'INFLUXDB_READ_PASSWORD', ...AGENT_SECRETS],
    settings: [...AGENT_SETTINGS, 'AGENT_STOP_GRACE_MS', 'INFLUXDB_DATA_DIR', 'INFLUXDB_PORT', 'INFLUXDB_DB'],
  },
  mysql: {
    exposure: 'cluster',
    workload: 'StatefulSet',
    ports: [{ name: 'mysql', port: 3306 }],
    dataDir: { variable: 'MYSQL_DATA_DIR', default: '/var/lib/mysql' },
    tls: false,
    accounts: ['WORDPRESS_DB_USER', ...AGENT_ACCOUNTS],
    secrets: ['MYSQL_ROOT_PASSWORD', 'WORDPRESS_DB_PASSWORD', ...AGENT_SECRETS],
    settings: [...AGENT_SETTINGS, 'AGENT_STOP_GRACE_MS', 'MYSQL_DATA_DIR', 'MYSQL_PORT', 'WORDPRESS_DB_NAME'],
  },
  wordpress: {
    exposure: 'load-balancer',
    workload: 'StatefulSet',
    ports: [{ name: 'https', port: 5050 }],
    // Uploaded media (the image's wp-content/uploads).
    dataDir: { variable: 'WORDPRESS_UPLOADS_DIR', default: '/usr/share/webapps/wordpress/wp-content/uploads' },
    drainOnStop: true,
    tls: true,
    accounts: ['WORDPRESS_DB_USER', ...AGENT_ACCOUNTS],
    secrets: ['WORDPRESS_DB_PASSWORD', 'WORDPRESS_USERS', ...WORDPRESS_SALT_SETTINGS, ...AGENT_SECRETS],
    settings: [...AGENT_SETTINGS, 'EXTERNAL_HOST', 'WORDPRESS_PORT', ...MYSQL_CLIENT, 'WORDPRESS_DB_NAME', ...TLS_SETTINGS],
  },
  phpmyadmin: {
    exposure: 'load-balancer',
    workload: 'Deployment',
    ports: [{ name: 'https', port: 5000 }],
    drainOnStop: true,
    tls: true,
    accounts: [...AGENT_ACCOUNTS],
    secrets: ['PMA_BLOWFISH_SECRET', ...AGENT_SECRETS],
    settings: [...AGENT_SETTINGS, 'PHPMYADMIN_PORT', ...MYSQL_CLIENT, ...TLS_SETTINGS],
  },
  nginx: {
    exposure: 'load-balancer',
    workload: 'Deployment',
    ports: [
      { name: 'http', port: 80 },
      { name: 'https', port: 443 },
      { name: 'ssh', port: 22 },
    ],
    tls: true,
    accounts: ['SSH_USER', ...AGENT_ACCOUNTS],
    secrets: ['SSH_PASSWORD', ...AGENT_SECRETS],
    settings: [...AGENT_SETTINGS, 'EXTERNAL_HOST', 'WORDPRESS_EXTERNAL_PORT', 'PHPMYADMIN_UPSTREAM', ...TLS_SETTINGS, 'SSH_HOST_KEY_DIR'],
  },
  ftps: {
    exposure: 'load-balancer',
    workload: 'StatefulSet',
    ports: [{ name: 'ftp', port: 21 }],
    passivePorts: { min: 30000, max: 30004 },
    dataDir: { variable: 'FTP_DATA_DIR', default: '/var/lib/ftp' },
    tls: true,
    accounts: ['FTP_USER', ...AGENT_ACCOUNTS],
    secrets: ['FTP_PASSWORD', ...AGENT_SECRETS],
    settings: [...AGENT_SETTINGS, 'EXTERNAL_HOST', 'FTP_DATA_DIR', 'FTP_PORT', 'FTP_PASV_MIN_PORT', 'FTP_PASV_MAX_PORT', ...TLS_SETTINGS],
  },
  grafana: {
    exposure: 'load-balancer',
    workload: 'Deployment',
    ports: [{ name: 'https', port: 3000 }],
    tls: true,
    accounts: ['GRAFANA_ADMIN_USER', 'INFLUXDB_READ_USER', ...AGENT_ACCOUNTS],
    secrets: ['GRAFANA_ADMIN_PASSWORD', 'GRAFANA_SECRET_KEY', 'INFLUXDB_READ_PASSWORD', ...AGENT_SECRETS],
    settings: [...AGENT_SETTINGS, 'GRAFANA_PORT', 'GRAFANA_DATA_DIR', 'INFLUXDB_URL', 'INFLUXDB_DB', ...TLS_SETTINGS],
  },
} as const satisfies Record<ServiceName, ServiceEntry>;

export type Catalogue = typeof CATALOGUE;
/** A service's generated account names. */
export type AccountName<S extends ServiceName> = Catalogue[S]['accounts'][number];
/** A service's secret settings (files of its Secret). */
export type SecretName<S extends ServiceName> = Catalogue[S]['secrets'][number];
/** A service's plain settings in the cluster. */
export type SettingName<S extends ServiceName> = Catalogue[S]['settings'][number];

/** The entry of `service`, widened to the common shape (for code that walks every service). */
export function serviceEntry(service: ServiceName): ServiceEntry {
  return CATALOGUE[service];
}

/** Every port a client may reach on the Service, the passive range spelled out. */
export function servicePorts(service: ServiceName): number[] {
  const entry = serviceEntry(service);
  const range = entry.passivePorts;
  const passive = range ? Array.from({ length: range.max - range.min + 1 }, (_, i) => range.min + i) : [];
  return [...entry.ports.map((p) => p.port), ...passive];
}

/** The port named `name` of `service` (throws on a name the catalogue does not give it: a typo in code). */
export function portOf(service: ServiceName, name: string): number {
  const found = serviceEntry(service).ports.find((p) => p.name === name);
  if (!found) throw new Error(`${service} has no port named ${name}`);
  return found.port;
}

/** The services on the load-balancer address, in start order. */
export const PUBLIC_SERVICES: readonly ServiceName[] = SERVICES.filter((s) => CATALOGUE[s].exposure === 'load-balancer');

/** The services that serve the platform's certificate (Secret ft-tls), in start order. */
export const TLS_SERVICES: readonly ServiceName[] = SERVICES.filter((s) => CATALOGUE[s].tls);

/** The Secrets the deploy creates; pods may reference no other. */
export function secretNameOf(service: ServiceName): string {
  return `${service}-secrets`;
}
export const TLS_SECRET = 'ft-tls';
export const SSH_HOST_KEYS_SECRET = 'nginx-ssh-host-keys';
export const SECRET_NAMES: readonly string[] = [...SERVICES.map(secretNameOf), TLS_SECRET, SSH_HOST_KEYS_SECRET];
