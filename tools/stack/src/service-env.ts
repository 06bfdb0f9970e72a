/**
 * The one place that knows which environment each service reads (services/<name>/src/env.ts and
 * the agent's AGENT_* variables), split in `config` (nothing secret) and what comes from
 * secrets.json (account names included, so a ConfigMap can never disagree with the Secret):
 * `accounts`, read as variables, and `files`, read only through NAME_FILE; for the local mode and
 * for Kubernetes.
 */
import type { LocalLayout } from './local-layout.js';
import { INTERNAL_PORTS, PUBLIC_PORTS } from './local-layout.js';
import { SALT_NAMES, type Secrets } from './secrets.js';
import { CATALOGUE, serviceEntry, type AccountName, type SecretName, type ServiceName, type SettingName, type WORDPRESS_SALT_SETTINGS } from '@ft/platform';

export type EnvMap = Record<string, string>;

export interface ServiceEnv extends SecretParts {
  /** Nothing secret: ports, addresses, paths, names of databases. */
  config: EnvMap;
}

export type EnvTarget = { kind: 'local'; layout: LocalLayout } | { kind: 'k8s'; externalHost?: string | undefined };

/** The Kubernetes Service names and the images' ports (k8s/, contracts.md section 4). */
const K8S = {
  mysqlHost: 'mysql',
  influxUrl: `http://influxdb:${INTERNAL_PORTS.influxdb}`,
  phpmyadminUpstream: `https://phpmyadmin:${PUBLIC_PORTS.phpmyadmin}`,
};

/** Where the pods mount the certificate (Secret ft-tls) and nginx's SSH host keys. */
const K8S_TLS = { TLS_CERT_FILE: '/etc/ft/tls/tls.crt', TLS_KEY_FILE: '/etc/ft/tls/tls.key' } as const;
const K8S_SSH_HOST_KEY_DIR = '/etc/ft/ssh-host-keys';

/**
 * A service's generated values, as its Secret holds them, in two parts: account names, which the
 * container reads as variables, and secrets (every setting its schema marks secret: passwords,
 * keys, salts, WORDPRESS_USERS), which it reads only from files, `NAME_FILE` pointing into the
 * mounted Secret. /proc/<pid>/environ, `kubectl describe` and crash dumps then hold no password.
 */
export interface SecretParts {
  accounts: EnvMap;
  files: EnvMap;
}

/** Exactly the catalogue's accounts and secrets of `S` (a name missing or extra fails to compile). */
interface TypedSecretParts<S extends ServiceName> {
  accounts: Record<AccountName<S>, string>;
  files: Record<SecretName<S>, string>;
}

const SECRET_PARTS: { [S in ServiceName]: (s: Secrets) => TypedSecretParts<S> } = {
  influxdb: (s) => ({
    accounts: {
      INFLUXDB_ADMIN_USER: s.influxdb.admin.user,
      INFLUXDB_WRITE_USER: s.influxdb.write.user,
      INFLUXDB_READ_USER: s.influxdb.read.user,
      AGENT_INFLUX_USER: s.influxdb.write.user,
    },
    files: {
      INFLUXDB_ADMIN_PASSWORD: s.influxdb.admin.password,
      INFLUXDB_WRITE_PASSWORD: s.influxdb.write.password,
      INFLUXDB_READ_PASSWORD: s.influxdb.read.password,
      AGENT_INFLUX_PASSWORD: s.influxdb.write.password,
    },
  }),
  mysql: (s) => ({
    accounts: { WORDPRESS_DB_USER: s.wordpress.dbUser, AGENT_INFLUX_USER: s.influxdb.write.user },
    files: { MYSQL_ROOT_PASSWORD: s.mysql.rootPassword, WORDPRESS_DB_PASSWORD: s.wordpress.dbPassword, AGENT_INFLUX_PASSWORD: s.influxdb.write.password },
  }),
  wordpress: (s) => ({
    accounts: { WORDPRESS_DB_USER: s.wordpress.dbUser, AGENT_INFLUX_USER: s.influxdb.write.user },
    files: {
      WORDPRESS_DB_PASSWORD: s.wordpress.dbPassword,
      // One line: a Secret env file holds one value per line.
      WORDPRESS_USERS: JSON.stringify(s.wordpress.users),
      ...saltSettings(s),
      AGENT_INFLUX_PASSWORD: s.influxdb.write.password,
    },
  }),
  phpmyadmin: (s) => ({
    accounts: { AGENT_INFLUX_USER: s.influxdb.write.user },
    files: { PMA_BLOWFISH_SECRET: s.phpmyadmin.blowfishSecret, AGENT_INFLUX_PASSWORD: s.influxdb.write.password },
  }),
  nginx: (s) => ({
    accounts: { SSH_USER: s.ssh.user, AGENT_INFLUX_USER: s.influxdb.write.user },
    files: { SSH_PASSWORD: s.ssh.password, AGENT_INFLUX_PASSWORD: s.influxdb.write.password },
  }),
  ftps: (s) => ({
    accounts: { FTP_USER: s.ftp.user, AGENT_INFLUX_USER: s.influxdb.write.user },
    files: { FTP_PASSWORD: s.ftp.password, AGENT_INFLUX_PASSWORD: s.influxdb.write.password },
  }),
  grafana: (s) => ({
    accounts: { GRAFANA_ADMIN_USER: s.grafana.admin.user, INFLUXDB_READ_USER: s.influxdb.read.user, AGENT_INFLUX_USER: s.influxdb.write.user },
    files: {
      GRAFANA_ADMIN_PASSWORD: s.grafana.admin.password,
      GRAFANA_SECRET_KEY: s.grafana.secretKey,
      INFLUXDB_READ_PASSWORD: s.influxdb.read.password,
      AGENT_INFLUX_PASSWORD: s.influxdb.write.password,
    },
  }),
};

/** WordPress's keys and salts under their settings' names (the catalogue's WORDPRESS_SALT_SETTINGS). */
function saltSettings(s: Secrets): Record<(typeof WORDPRESS_SALT_SETTINGS)[number], string> {
  const out = {} as Record<(typeof WORDPRESS_SALT_SETTINGS)[number], string>;
  for (const name of SALT_NAMES) out[`WORDPRESS_${name}`] = s.wordpress.keys[name];
  return out;
}

export function secretParts(service: ServiceName, s: Secrets): SecretParts {
  return SECRET_PARTS[service](s);
}

/** Everything of `<service>-secrets` (setup.sh's `<service>.secret.env`): both parts. */
export function secretEnv(service: ServiceName, s: Secrets): EnvMap {
  const { accounts, files } = secretParts(service, s);
  return { ...accounts, ...files };
}

/**
 * The plain settings of the cluster that are literal values in k8s/: all the catalogue's settings
 * but the pod's name (the downward API) and EXTERNAL_HOST (ft-config, the one place of the address).
 */
export type K8sLiteralSetting<S extends ServiceName> = Exclude<SettingName<S>, 'AGENT_POD_NAME' | 'EXTERNAL_HOST'>;

const K8S_CONFIG: { [S in ServiceName]: (s: Secrets) => Record<K8sLiteralSetting<S>, string> } = {
  influxdb: (s) => ({
    ...k8sAgent(s),
    AGENT_STOP_GRACE_MS: '30000',
    INFLUXDB_DATA_DIR: dataDirDefault('influxdb'),
    INFLUXDB_PORT: String(INTERNAL_PORTS.influxdb),
    INFLUXDB_DB: s.influxdb.db,
  }),
  mysql: (s) => ({
    ...k8sAgent(s),
    AGENT_STOP_GRACE_MS: '45000',
    MYSQL_DATA_DIR: dataDirDefault('mysql'),
    MYSQL_PORT: String(INTERNAL_PORTS.mysql),
    WORDPRESS_DB_NAME: s.wordpress.dbName,
  }),
  wordpress: (s) => ({
    ...k8sAgent(s),
    WORDPRESS_PORT: String(PUBLIC_PORTS.wordpress),
    MYSQL_HOST: K8S.mysqlHost,
    MYSQL_PORT: String(INTERNAL_PORTS.mysql),
    WORDPRESS_DB_NAME: s.wordpress.dbName,
    ...K8S_TLS,
  }),
  phpmyadmin: (s) => ({
    ...k8sAgent(s),
    PHPMYADMIN_PORT: String(PUBLIC_PORTS.phpmyadmin),
    MYSQL_HOST: K8S.mysqlHost,
    MYSQL_PORT: String(INTERNAL_PORTS.mysql),
    ...K8S_TLS,
  }),
  nginx: (s) => ({
    ...k8sAgent(s),
    WORDPRESS_EXTERNAL_PORT: String(PUBLIC_PORTS.wordpress),
    PHPMYADMIN_UPSTREAM: K8S.phpmyadminUpstream,
    ...K8S_TLS,
    SSH_HOST_KEY_DIR: K8S_SSH_HOST_KEY_DIR,
  }),
  ftps: (s) => ({
    ...k8sAgent(s),
    FTP_DATA_DIR: dataDirDefault('ftps'),
    FTP_PORT: String(PUBLIC_PORTS.ftp),
    FTP_PASV_MIN_PORT: String(PUBLIC_PORTS.pasvMin),
    FTP_PASV_MAX_PORT: String(PUBLIC_PORTS.pasvMax),
    ...K8S_TLS,
  }),
  grafana: (s) => ({
    ...k8sAgent(s),
    GRAFANA_PORT: String(PUBLIC_PORTS.grafana),
    // Its state is provisioned: an emptyDir, not a claim (no dataDir in the catalogue).
    GRAFANA_DATA_DIR: '/var/lib/grafana',
    INFLUXDB_URL: K8S.influxUrl,
    INFLUXDB_DB: s.influxdb.db,
    ...K8S_TLS,
  }),
};

function k8sAgent(s: Secrets): { AGENT_INFLUX_URL: string; AGENT_INFLUX_DB: string } {
  return { AGENT_INFLUX_URL: K8S.influxUrl, AGENT_INFLUX_DB: s.influxdb.db };
}

function dataDirDefault(service: 'influxdb' | 'mysql' | 'ftps'): string {
  return CATALOGUE[service].dataDir.default;
}

/**
 * The literal values the manifests in k8s/ must give `service`'s container (k8s-check's
 * K8S_CATALOGUE_ENV compares them), plus EXTERNAL_HOST when one is given (ft-config's value).
 */
export function k8sConfigEnv(service: ServiceName, s: Secrets, externalHost: string | undefined): EnvMap {
  const literal: EnvMap = K8S_CONFIG[service](s);
  const takesHost = serviceEntry(service).settings.includes('EXTERNAL_HOST');
  return takesHost && externalHost !== undefined ? { ...literal, EXTERNAL_HOST: externalHost } : literal;
}

/** Everything an agent of the local mode needs besides PATH/HOME: addresses, ports, files under the state dir. */
export function localConfigEnv(service: ServiceName, s: Secrets, layout: LocalLayout): EnvMap {
  const own = layout.services[service];
  const internal = layout.internalAddress;
  const influxUrl = `http://${internal}:${INTERNAL_PORTS.influxdb}`;
  const agent: EnvMap = {
    AGENT_PLATFORM: 'debian',
    AGENT_HOST: internal,
    AGENT_PORT: String(own.agentPort),
    AGENT_RUN_DIR: own.runDir,
    AGENT_POD_NAME: `${service}-local`,
    // Each agent has its own PID namespace but shares the host's cgroup: count its processes only.
    AGENT_RESOURCE_SOURCE: 'proc',
    AGENT_INFLUX_URL: influxUrl,
    AGENT_INFLUX_DB: s.influxdb.db,
  };
  const tls = { TLS_CERT_FILE: layout.tlsCert, TLS_KEY_FILE: layout.tlsKey };
  const status: EnvMap = own.statusPort === undefined ? {} : { STATUS_PORT: String(own.statusPort) };
  const mysqlClient = { MYSQL_HOST: internal, MYSQL_PORT: String(INTERNAL_PORTS.mysql) };
  const pub = { LISTEN_HOST: layout.address };
  switch (service) {
    case 'mysql':
      return {
        ...agent,
        LISTEN_HOST: internal,
        MYSQL_PORT: String(INTERNAL_PORTS.mysql),
        MYSQL_DATA_DIR: layout.dataDirs.mysql,
        WORDPRESS_DB_NAME: s.wordpress.dbName,
      };
    case 'influxdb':
      return {
        ...agent,
        ...status,
        LISTEN_HOST: internal,
        INFLUXDB_PORT: String(INTERNAL_PORTS.influxdb),
        INFLUXDB_DATA_DIR: layout.dataDirs.influxdb,
        INFLUXDB_DB: s.influxdb.db,
      };
    case 'wordpress':
      return {
        ...agent,
        ...status,
        ...pub,
        ...tls,
        ...mysqlClient,
        EXTERNAL_HOST: layout.address,
        WORDPRESS_PORT: String(PUBLIC_PORTS.wordpress),
        WORDPRESS_DB_NAME: s.wordpress.dbName,
        WORDPRESS_UPLOADS_DIR: layout.dataDirs.wordpressUploads,
      };
    case 'phpmyadmin':
      return { ...agent, ...status, ...pub, ...tls, ...mysqlClient, PHPMYADMIN_PORT: String(PUBLIC_PORTS.phpmyadmin) };
    case 'nginx':
      return {
        ...agent,
        ...status,
        ...pub,
        ...tls,
        EXTERNAL_HOST: layout.address,
        HTTP_PORT: String(PUBLIC_PORTS.http),
        HTTPS_PORT: String(PUBLIC_PORTS.https),
        SSH_PORT: String(PUBLIC_PORTS.ssh),
        WORDPRESS_EXTERNAL_PORT: String(PUBLIC_PORTS.wordpress),
        GRAFANA_EXTERNAL_PORT: String(PUBLIC_PORTS.grafana),
        FTPS_EXTERNAL_PORT: String(PUBLIC_PORTS.ftp),
        PHPMYADMIN_UPSTREAM: `https://${layout.address}:${PUBLIC_PORTS.phpmyadmin}`,
        // Kept in the state dir, so the host key survives down + up (sshd reads them in place).
        SSH_HOST_KEY_DIR: layout.sshHostKeyDir,
      };
    case 'ftps':
      return {
        ...agent,
        ...pub,
        ...tls,
        EXTERNAL_HOST: layout.address,
        FTP_PORT: String(PUBLIC_PORTS.ftp),
        FTP_PASV_MIN_PORT: String(PUBLIC_PORTS.pasvMin),
        FTP_PASV_MAX_PORT: String(PUBLIC_PORTS.pasvMax),
        FTP_DATA_DIR: layout.dataDirs.ftp,
      };
    case 'grafana':
      return {
        ...agent,
        ...pub,
        ...tls,
        GRAFANA_PORT: String(PUBLIC_PORTS.grafana),
        GRAFANA_DATA_DIR: layout.dataDirs.grafana,
        INFLUXDB_URL: influxUrl,
        INFLUXDB_DB: s.influxdb.db,
      };
  }
}

export function serviceEnv(service: ServiceName, secrets: Secrets, target: EnvTarget): ServiceEnv {
  const config = target.kind === 'local' ? localConfigEnv(service, secrets, target.layout) : k8sConfigEnv(service, secrets, target.externalHost);
  return { config, ...secretParts(service, secrets) };
}
