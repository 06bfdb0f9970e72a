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
import type { ServiceName } from '@ft/platform';

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

export function secretParts(service: ServiceName, s: Secrets): SecretParts {
  const agent = { accounts: { AGENT_INFLUX_USER: s.influxdb.write.user }, files: { AGENT_INFLUX_PASSWORD: s.influxdb.write.password } };
  const wpDb = { accounts: { WORDPRESS_DB_USER: s.wordpress.dbUser }, files: { WORDPRESS_DB_PASSWORD: s.wordpress.dbPassword } };
  const parts = (accounts: EnvMap, files: EnvMap): SecretParts => ({ accounts: { ...accounts, ...agent.accounts }, files: { ...files, ...agent.files } });
  switch (service) {
    case 'mysql':
      return parts(wpDb.accounts, { MYSQL_ROOT_PASSWORD: s.mysql.rootPassword, ...wpDb.files });
    case 'wordpress':
      return parts(wpDb.accounts, {
        ...wpDb.files,
        // One line: a Secret env file holds one value per line.
        WORDPRESS_USERS: JSON.stringify(s.wordpress.users),
        ...Object.fromEntries(SALT_NAMES.map((n) => [`WORDPRESS_${n}`, s.wordpress.keys[n]])),
      });
    case 'phpmyadmin':
      return parts({}, { PMA_BLOWFISH_SECRET: s.phpmyadmin.blowfishSecret });
    case 'nginx':
      return parts({ SSH_USER: s.ssh.user }, { SSH_PASSWORD: s.ssh.password });
    case 'ftps':
      return parts({ FTP_USER: s.ftp.user }, { FTP_PASSWORD: s.ftp.password });
    case 'influxdb':
      return parts(
        { INFLUXDB_ADMIN_USER: s.influxdb.admin.user, INFLUXDB_WRITE_USER: s.influxdb.write.user, INFLUXDB_READ_USER: s.influxdb.read.user },
        { INFLUXDB_ADMIN_PASSWORD: s.influxdb.admin.password, INFLUXDB_WRITE_PASSWORD: s.influxdb.write.password, INFLUXDB_READ_PASSWORD: s.influxdb.read.password },
      );
    case 'grafana':
      return parts(
        { GRAFANA_ADMIN_USER: s.grafana.admin.user, INFLUXDB_READ_USER: s.influxdb.read.user },
        { GRAFANA_ADMIN_PASSWORD: s.grafana.admin.password, GRAFANA_SECRET_KEY: s.grafana.secretKey, INFLUXDB_READ_PASSWORD: s.influxdb.read.password },
      );
  }
}

/** Everything of `<service>-secrets` (setup.sh's `<service>.secret.env`): both parts. */
export function secretEnv(service: ServiceName, s: Secrets): EnvMap {
  const { accounts, files } = secretParts(service, s);
  return { ...accounts, ...files };
}

/** What the Kubernetes ConfigMap must hold for `service` (ports: the images' defaults). */
export function k8sConfigEnv(service: ServiceName, s: Secrets, externalHost: string | undefined): EnvMap {
  const external: EnvMap = externalHost === undefined ? {} : { EXTERNAL_HOST: externalHost };
  const agent = { AGENT_INFLUX_URL: K8S.influxUrl, AGENT_INFLUX_DB: s.influxdb.db };
  const mysqlClient = { MYSQL_HOST: K8S.mysqlHost, MYSQL_PORT: String(INTERNAL_PORTS.mysql) };
  switch (service) {
    case 'mysql':
      return { WORDPRESS_DB_NAME: s.wordpress.dbName, ...agent };
    case 'wordpress':
      return { ...external, ...mysqlClient, WORDPRESS_DB_NAME: s.wordpress.dbName, ...agent };
    case 'phpmyadmin':
      return { ...mysqlClient, ...agent };
    case 'nginx':
      return { ...external, PHPMYADMIN_UPSTREAM: K8S.phpmyadminUpstream, ...agent };
    case 'ftps':
      return { ...external, ...agent };
    case 'influxdb':
      return { INFLUXDB_DB: s.influxdb.db, ...agent };
    case 'grafana':
      return { INFLUXDB_URL: K8S.influxUrl, INFLUXDB_DB: s.influxdb.db, ...agent };
  }
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
      return { ...agent, LISTEN_HOST: internal, MYSQL_PORT: String(INTERNAL_PORTS.mysql), MYSQL_DATA_DIR: layout.dataDirs.mysql, WORDPRESS_DB_NAME: s.wordpress.dbName };
    case 'influxdb':
      return { ...agent, ...status, LISTEN_HOST: internal, INFLUXDB_PORT: String(INTERNAL_PORTS.influxdb), INFLUXDB_DATA_DIR: layout.dataDirs.influxdb, INFLUXDB_DB: s.influxdb.db };
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
