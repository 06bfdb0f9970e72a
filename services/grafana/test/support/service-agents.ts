/**
 * How the data test starts each service's agent so that its real collectors write to the test
 * InfluxDB. One entry per dashboard service: the real bundle (services/<name>/dist/agent.js) when
 * it exists, started with the environment its own tests use, on free loopback ports; a clearly
 * named stand-in where the daemon cannot run here (grafana). Add a service by adding an entry.
 */
import { existsSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import path from 'node:path';
import { DEMO_BUNDLE } from '@ft/agent/testing';
import { agentTestEnv, freePort, freePortRange, freePorts, makeTempDir, startAgentProcess, type AgentProcess } from '@ft/testkit';
import { DB, READER, type MetricsStore } from './metrics-store.js';

const repo = path.resolve(__dirname, '../../../..');
const realBundle = (service: string): string => path.join(repo, 'services', service, 'dist', 'agent.js');
const GRAFANA_STAND_IN = path.resolve(__dirname, '../fixtures/grafana-stand-in/dist/agent.js');

export interface ServiceAgent {
  /** The service tag the agent writes (and its dashboard filters on). */
  service: string;
  /** What runs: for the report and the test names. */
  source: string;
  bundle: string;
  /** Service variables; AGENT_* and the InfluxDB settings are added by startServiceAgent. */
  env(store: MetricsStore): Promise<Record<string, string>>;
}

const password = (name: string): string => `${name}-Pa55word-0123456789abcdef`;

/** Each named variable set to its own free loopback port. */
async function portVars(...names: string[]): Promise<Record<string, string>> {
  const ports = await freePorts(names.length);
  return Object.fromEntries(names.map((name, i) => [name, String(ports[i])]));
}

/** The WordPress database the mysql agent creates and the wordpress agent then uses. */
const wordpressDb = { name: 'fttest_dash', user: 'fttest_dash', password: password('wp'), port: 0 };

const salts = (): Record<string, string> =>
  Object.fromEntries(
    ['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'].map((k) => [
      `WORDPRESS_${k}`,
      password(`salt-${k}`),
    ]),
  );

export const SERVICE_AGENTS: readonly ServiceAgent[] = [
  {
    service: 'demo',
    source: 'the agent demo service (packages/agent/test/fixtures/demo)',
    bundle: DEMO_BUNDLE,
    env: async () => ({ DEMO_GREETING: 'dashboards', ...(await portVars('DEMO_PORT')), DEMO_SECRET: password('demo') }),
  },
  {
    service: 'phpmyadmin',
    source: 'the real phpmyadmin bundle (nginx + php-fpm; no MariaDB, so its mysql check reads 0)',
    bundle: realBundle('phpmyadmin'),
    env: async () => ({
      LISTEN_HOST: '127.0.0.1',
      ...(await portVars('PHPMYADMIN_PORT', 'STATUS_PORT', 'MYSQL_PORT')),
      MYSQL_HOST: '127.0.0.1',
      PMA_BLOWFISH_SECRET: password('blowfish-secret-for-the-dashboards'),
    }),
  },
  {
    service: 'influxdb',
    source: 'the real influxdb bundle (its own influxd, writing its figures to the test InfluxDB)',
    bundle: realBundle('influxdb'),
    env: async () => ({
      LISTEN_HOST: '127.0.0.1',
      INFLUXDB_DATA_DIR: await makeTempDir('dash-influxdb'),
      ...(await portVars('INFLUXDB_PORT', 'STATUS_PORT')),
      INFLUXDB_ADMIN_PASSWORD: password('admin'),
      INFLUXDB_WRITE_PASSWORD: password('write'),
      INFLUXDB_READ_PASSWORD: password('read'),
    }),
  },
  {
    service: 'mysql',
    source: 'the real mysql bundle (MariaDB on a fresh data dir)',
    bundle: realBundle('mysql'),
    env: async () => {
      wordpressDb.port = await freePort();
      return {
        MYSQL_ROOT_PASSWORD: password('root'),
        WORDPRESS_DB_NAME: wordpressDb.name,
        WORDPRESS_DB_USER: wordpressDb.user,
        WORDPRESS_DB_PASSWORD: wordpressDb.password,
        MYSQL_DATA_DIR: await makeTempDir('dash-mysql'),
        LISTEN_HOST: '127.0.0.1',
        MYSQL_PORT: String(wordpressDb.port),
      };
    },
  },
  {
    service: 'wordpress',
    source: 'the real wordpress bundle (nginx + php-fpm, on the database of the mysql agent above)',
    bundle: realBundle('wordpress'),
    env: async () => ({
      EXTERNAL_HOST: '127.0.0.1',
      LISTEN_HOST: '127.0.0.1',
      ...(await portVars('WORDPRESS_PORT', 'STATUS_PORT')),
      MYSQL_HOST: '127.0.0.1',
      // 0 when the mysql bundle is missing: the agent then waits for a database that never comes.
      MYSQL_PORT: String(wordpressDb.port || (await freePort())),
      WORDPRESS_DB_NAME: wordpressDb.name,
      WORDPRESS_DB_USER: wordpressDb.user,
      WORDPRESS_DB_PASSWORD: wordpressDb.password,
      WORDPRESS_USERS: JSON.stringify([{ login: 'admin', email: 'admin@ft.example', password: password('wp-admin'), role: 'administrator' }]),
      ...salts(),
    }),
  },
  {
    service: 'ftps',
    source: 'the real ftps bundle (vsftpd)',
    bundle: realBundle('ftps'),
    env: async () => {
      const root = await makeTempDir('dash-ftps');
      await chmod(root, 0o755);
      const pasv = await freePortRange(4, '127.0.0.1');
      return {
        FTP_USER: 'fttest_dash',
        FTP_PASSWORD: password('ftp'),
        FTP_DATA_DIR: path.join(root, 'files'),
        ...(await portVars('FTP_PORT')),
        FTP_PASV_MIN_PORT: String(pasv.min),
        FTP_PASV_MAX_PORT: String(pasv.max),
        EXTERNAL_HOST: '127.0.0.1',
        LISTEN_HOST: '127.0.0.1',
      };
    },
  },
  {
    service: 'nginx',
    source: 'the real nginx bundle (nginx + sshd)',
    bundle: realBundle('nginx'),
    env: async () => ({
      EXTERNAL_HOST: '127.0.0.1',
      LISTEN_HOST: '127.0.0.1',
      ...(await portVars('HTTP_PORT', 'HTTPS_PORT', 'SSH_PORT', 'STATUS_PORT')),
      PHPMYADMIN_UPSTREAM: `https://127.0.0.1:${await freePort()}`,
      SSH_USER: 'fttest_dash',
      SSH_PASSWORD: password('ssh'),
      SSH_HOST_KEY_DIR: await makeTempDir('dash-ssh-keys'),
    }),
  },
  {
    service: 'grafana',
    source: 'STAND-IN: the grafana checks and collector around a server replaying test/fixtures/grafana-metrics.txt (no Grafana on Debian)',
    bundle: GRAFANA_STAND_IN,
    // Its influxdb-datasource check queries the test InfluxDB as the read-only user, as Grafana would.
    env: async (store) => ({
      ...(await portVars('GRAFANA_PORT')),
      LISTEN_HOST: '127.0.0.1',
      GRAFANA_ADMIN_PASSWORD: password('admin'),
      GRAFANA_SECRET_KEY: password('secret-key'),
      INFLUXDB_URL: store.influx.url,
      INFLUXDB_DB: DB,
      INFLUXDB_READ_USER: READER.user,
      INFLUXDB_READ_PASSWORD: READER.password,
    }),
  },
];

export const podOf = (service: string): string => `${service}-dash-0`;

export async function startServiceAgent(entry: ServiceAgent, store: MetricsStore, extra: Record<string, string> = {}): Promise<AgentProcess> {
  const env = await agentTestEnv({
    ...(await entry.env(store)),
    ...store.agentVars(),
    AGENT_METRICS_INTERVAL_MS: '1000',
    AGENT_POD_NAME: podOf(entry.service),
    AGENT_STOP_GRACE_MS: '10000',
    ...extra,
  });
  return startAgentProcess(entry.bundle, env);
}

export const available = (entry: ServiceAgent): boolean => existsSync(entry.bundle);
