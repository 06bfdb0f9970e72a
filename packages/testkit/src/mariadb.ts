/**
 * A real MariaDB server for tests: its own temp datadir, socket and pid file, on a free loopback
 * port, in the foreground so a crash is visible. Nothing from /etc/mysql is read (--no-defaults),
 * so the machine's own MariaDB configuration can neither break nor leak into a test.
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Daemon } from './daemon.js';
import { waitForDaemonPort } from './daemon-ready.js';
import { run } from './exec.js';
import { freePort } from './ports.js';
import { inTempDir, removeDir } from './temp-dir.js';

export interface MariadbOptions {
  /** Default: random. */
  rootPassword?: string;
  /** Created at install time. */
  database?: string;
  /** An application user, granted everything on `database` (or on *.* without one). */
  user?: string;
  password?: string;
  /** InnoDB buffer pool; default 16 MiB, enough for tests and quick to allocate. */
  bufferPoolMb?: number;
}

export interface MariadbServer {
  /** Always the address: 'localhost' would make clients use a socket instead of TCP. */
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly rootPassword: string;
  readonly socket: string;
  /** The MariaDB datadir (inside the server's temp dir). */
  readonly dataDir: string;
  readonly database: string | undefined;
  readonly user: string | undefined;
  readonly password: string | undefined;
  /** The current mariadbd process; a new one after restart(). */
  readonly daemon: Daemon;
  /** Graceful stop, then removes every file. Safe to call twice. */
  stop(): Promise<void>;
  /** kill -9 of mariadbd; the data stays for restart(). */
  crash(): Promise<void>;
  /** Stops mariadbd if it runs and starts it again on the same port and data. */
  restart(): Promise<void>;
}

const HOST = '127.0.0.1';

export async function startMariadb(options: MariadbOptions = {}): Promise<MariadbServer> {
  if ((options.user === undefined) !== (options.password === undefined)) {
    throw new Error('startMariadb: give user and password together');
  }
  const rootPassword = options.rootPassword ?? randomBytes(12).toString('hex');
  return inTempDir('mariadb', async (dir) => {
    const dataDir = path.join(dir, 'data');
    const socket = path.join(dir, 'mysqld.sock');
    const bootstrapSql = path.join(dir, 'bootstrap.sql');
    await writeFile(bootstrapSql, bootstrapStatements(rootPassword, options).join('\n') + '\n', { mode: 0o600 });
    await run('mariadb-install-db', [
      '--no-defaults',
      `--datadir=${dataDir}`,
      '--user=root',
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
      '--skip-name-resolve',
      // Its bootstrap server's temp files in this server's dir, not the /tmp other suites share.
      `--tmpdir=${dir}`,
      // Runs after the system tables exist, before any server listens: no window without a password.
      `--extra-file=${bootstrapSql}`,
    ]);

    const port = await freePort(HOST);
    const argv = [
      '/usr/sbin/mariadbd',
      '--no-defaults',
      `--datadir=${dataDir}`,
      `--socket=${socket}`,
      `--pid-file=${path.join(dir, 'mariadbd.pid')}`,
      `--tmpdir=${dir}`,
      `--port=${port}`,
      `--bind-address=${HOST}`,
      // mariadbd refuses to run as root unless told to; the tests run as root.
      '--user=root',
      '--skip-name-resolve',
      `--innodb-buffer-pool-size=${options.bufferPoolMb ?? 16}M`,
      '--max-connections=100',
    ] as const;
    const logFile = path.join(dir, 'mariadbd.log');
    const launch = async (): Promise<Daemon> => {
      const daemon = new Daemon({ argv, logFile });
      await waitForDaemonPort(daemon, port, HOST, 60_000);
      return daemon;
    };

    let daemon = await launch();
    let stopped = false;
    return {
      host: HOST,
      port,
      rootPassword,
      socket,
      dataDir,
      database: options.database,
      user: options.user,
      password: options.password,
      get daemon() {
        return daemon;
      },
      async stop() {
        stopped = true;
        await daemon.stop();
        await removeDir(dir);
      },
      async crash() {
        await daemon.crash();
      },
      async restart() {
        if (stopped) throw new Error('startMariadb: restart() after stop()');
        await daemon.stop();
        daemon = await launch();
      },
    };
  });
}

/**
 * SQL run once at install: passwords for every root account reachable over TCP from 127.0.0.1,
 * then the optional database and user ('%' for TCP, 'localhost' for the socket).
 */
function bootstrapStatements(rootPassword: string, options: MariadbOptions): string[] {
  const pw = sqlString(rootPassword);
  const sql = [
    // The bootstrap runs with grant tables off; loading them makes account statements legal.
    'FLUSH PRIVILEGES;',
    `ALTER USER 'root'@'localhost' IDENTIFIED BY ${pw};`,
    `ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY ${pw};`,
    `ALTER USER 'root'@'::1' IDENTIFIED BY ${pw};`,
  ];
  if (options.database !== undefined) {
    sql.push(`CREATE DATABASE IF NOT EXISTS ${sqlIdentifier(options.database)};`);
  }
  if (options.user !== undefined && options.password !== undefined) {
    const scope = options.database !== undefined ? `${sqlIdentifier(options.database)}.*` : '*.*';
    for (const host of ['%', 'localhost']) {
      const account = `${sqlString(options.user)}@${sqlString(host)}`;
      sql.push(`CREATE USER IF NOT EXISTS ${account} IDENTIFIED BY ${sqlString(options.password)};`);
      sql.push(`GRANT ALL PRIVILEGES ON ${scope} TO ${account};`);
    }
  }
  return sql;
}

function sqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function sqlIdentifier(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}
