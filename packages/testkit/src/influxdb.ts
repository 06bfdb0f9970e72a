/**
 * A real InfluxDB 1.x (Debian's influxd) for tests: foreground, in a temp dir, on free loopback
 * ports, with authentication on and an admin user, so tests meet the same auth rules as the cluster.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InfluxClient, ident, literal, type InfluxSeries as ClientSeries, type InfluxStatementResult as ClientResult } from '@ft/agent/influx';
import { Daemon } from './daemon.js';
import { freePorts } from './ports.js';
import { makeTempDir, removeDir } from './temp-dir.js';
import { sleep } from './wait.js';

export interface InfluxdbOptions {
  /** Path of influxd; default `influxd` on PATH. */
  binary?: string;
  /** Directory for config, data and logs; default a fresh temp dir (removed by destroy()). */
  dir?: string;
  adminUser?: string;
  adminPassword?: string;
  /** How long to wait for /ping after each start; default 30 s. */
  startTimeoutMs?: number;
}

/** One series of an InfluxQL answer (the agent's InfluxDB client's types). */
export type InfluxSeries = ClientSeries;
export type InfluxStatementResult = ClientResult;

export type InfluxPrivilege = 'READ' | 'WRITE' | 'ALL';

export interface InfluxdbServer {
  /** http://127.0.0.1:<port>, without credentials. */
  readonly url: string;
  readonly port: number;
  readonly adminUser: string;
  readonly adminPassword: string;
  /** The temp dir holding influxdb.conf, meta/, data/, wal/ and influxd.log. */
  readonly dataDir: string;
  readonly logFile: string;
  readonly running: boolean;
  /**
   * Runs InfluxQL as the admin. Resolves with one result per statement; rejects on an HTTP error
   * or when any statement reports an error, so tests fail loudly.
   */
  query(q: string, db?: string): Promise<InfluxStatementResult[]>;
  /** The `values` of the first series of the first statement, or [] when there is none. */
  rows(q: string, db?: string): Promise<unknown[][]>;
  createDatabase(db: string): Promise<void>;
  /** A non-admin user holding `privilege` on `db` only (e.g. a WRITE-only metrics writer). */
  createUser(user: string, password: string, db: string, privilege: InfluxPrivilege): Promise<void>;
  /** Graceful stop (SIGTERM); data is kept and start() works again. */
  stop(): Promise<void>;
  /** kill -9 of influxd, as an OOM kill or a node failure would. */
  crash(): Promise<void>;
  /** Starts influxd again on the same port and data dir; resolves when /ping answers. */
  start(): Promise<void>;
  /** stop() and remove the directory if this helper created it. */
  destroy(): Promise<void>;
  /** The log so far, for assertion messages. */
  log(): Promise<string>;
}

export async function startInfluxdb(options: InfluxdbOptions = {}): Promise<InfluxdbServer> {
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? (await makeTempDir('influxdb'));
  const [httpPort, rpcPort] = await freePorts(2);
  if (httpPort === undefined || rpcPort === undefined) throw new Error('no free ports');
  const server = new Influxd({
    binary: options.binary ?? 'influxd',
    dir,
    ownDir,
    httpPort,
    rpcPort,
    adminUser: options.adminUser ?? 'admin',
    adminPassword: options.adminPassword ?? randomBytes(12).toString('hex'),
    startTimeoutMs: options.startTimeoutMs ?? 30_000,
  });
  try {
    await server.writeConfig();
    await server.start();
    await server.createAdmin();
  } catch (err) {
    const log = await server.log();
    await server.destroy();
    throw new Error(`influxd did not start: ${String(err)}\n${log.slice(-2000)}`, { cause: err });
  }
  return server;
}

interface InfluxdConfig {
  binary: string;
  dir: string;
  ownDir: boolean;
  httpPort: number;
  rpcPort: number;
  adminUser: string;
  adminPassword: string;
  startTimeoutMs: number;
}

class Influxd implements InfluxdbServer {
  readonly url: string;
  readonly port: number;
  readonly adminUser: string;
  readonly adminPassword: string;
  readonly dataDir: string;
  readonly logFile: string;
  private readonly configFile: string;
  private daemon: Daemon | undefined;
  /** The admin's connection: every query of the tests. */
  private readonly client: InfluxClient;

  constructor(private readonly cfg: InfluxdConfig) {
    this.port = cfg.httpPort;
    this.url = `http://127.0.0.1:${cfg.httpPort}`;
    this.adminUser = cfg.adminUser;
    this.adminPassword = cfg.adminPassword;
    this.dataDir = cfg.dir;
    this.logFile = path.join(cfg.dir, 'influxd.log');
    this.configFile = path.join(cfg.dir, 'influxdb.conf');
    this.client = new InfluxClient({ url: this.url, user: cfg.adminUser, password: cfg.adminPassword, timeoutMs: 30_000, keepAlive: false });
  }

  get running(): boolean {
    return this.daemon?.running ?? false;
  }

  /**
   * With auth on, InfluxDB 1.x still accepts CREATE USER ... WITH ALL PRIVILEGES without
   * credentials while no user exists; that is how the first admin is made.
   */
  async createAdmin(): Promise<void> {
    const anonymous = new InfluxClient({ url: this.url, timeoutMs: 30_000, keepAlive: false });
    try {
      await anonymous.query(`CREATE USER ${ident(this.adminUser)} WITH PASSWORD ${literal(this.adminPassword)} WITH ALL PRIVILEGES`, { method: 'POST' });
    } finally {
      anonymous.close();
    }
  }

  async writeConfig(): Promise<void> {
    const d = this.cfg.dir;
    await Promise.all(['meta', 'data', 'wal'].map((sub) => mkdir(path.join(d, sub), { recursive: true })));
    // Only what differs from influxd's defaults. Logging is kept to warnings: tests read the log
    // when something fails, and per-request access lines would bury the cause.
    const conf = `reporting-disabled = true
bind-address = "127.0.0.1:${this.cfg.rpcPort}"

[meta]
  dir = ${toml(path.join(d, 'meta'))}
  logging-enabled = false

[data]
  dir = ${toml(path.join(d, 'data'))}
  wal-dir = ${toml(path.join(d, 'wal'))}
  query-log-enabled = false

[monitor]
  store-enabled = false

[http]
  enabled = true
  bind-address = "127.0.0.1:${this.cfg.httpPort}"
  auth-enabled = true
  log-enabled = false
  pprof-enabled = false

[logging]
  level = "warn"
  suppress-logo = true

[continuous_queries]
  log-enabled = false
`;
    await writeFile(this.configFile, conf, { mode: 0o600 });
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.daemon = new Daemon({
      argv: [this.cfg.binary, 'run', '-config', this.configFile],
      logFile: this.logFile,
      // influxd lets INFLUXDB_* variables override the config file; none may leak in from the shell.
      env: Object.fromEntries(
        Object.keys(process.env)
          .filter((k) => k.startsWith('INFLUXDB_'))
          .map((k) => [k, '']),
      ),
    });
    const daemon = this.daemon;
    const deadline = Date.now() + this.cfg.startTimeoutMs;
    for (;;) {
      if (!daemon.running) throw new Error(`influxd exited during start; see ${this.logFile}`);
      // /ping needs no credentials even with auth on, and answers 204 once HTTP is served.
      const ok = await this.client.ping(AbortSignal.timeout(1000)).then(
        () => true,
        () => false,
      );
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`influxd not answering /ping after ${this.cfg.startTimeoutMs} ms`);
      await sleep(100);
    }
  }

  async stop(): Promise<void> {
    await this.daemon?.stop();
  }

  async crash(): Promise<void> {
    await this.daemon?.crash();
  }

  async destroy(): Promise<void> {
    await this.stop();
    if (this.cfg.ownDir) await removeDir(this.cfg.dir);
  }

  async log(): Promise<string> {
    return this.daemon ? this.daemon.log() : '';
  }

  async query(q: string, db?: string): Promise<InfluxStatementResult[]> {
    // POST: CREATE and GRANT are refused over GET by newer 1.x. Errors name the statement in full:
    // tests use no secret worth hiding, and the full text says which assertion's query failed.
    return this.client.query(q, { method: 'POST', what: q, ...(db !== undefined ? { db } : {}) });
  }

  async rows(q: string, db?: string): Promise<unknown[][]> {
    const results = await this.query(q, db);
    return results[0]?.series?.[0]?.values ?? [];
  }

  async createDatabase(db: string): Promise<void> {
    await this.query(`CREATE DATABASE ${ident(db)}`);
  }

  async createUser(user: string, password: string, db: string, privilege: InfluxPrivilege): Promise<void> {
    await this.client.query(`CREATE USER ${ident(user)} WITH PASSWORD ${literal(password)}`, { method: 'POST' });
    await this.query(`GRANT ${privilege} ON ${ident(db)} TO ${ident(user)}`);
  }
}

/** TOML basic string: JSON's escaping is a subset TOML accepts. */
function toml(value: string): string {
  return JSON.stringify(value);
}
