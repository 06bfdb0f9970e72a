/**
 * The init step: make the run-time directories, and on a data dir without system tables create
 * them (mariadb-install-db), then set root's password and create the WordPress database and user
 * on a temporary server nobody else can reach. A data dir that has system tables is never changed.
 */
import { chown, mkdir } from 'node:fs/promises';
import { allowTraversal, checkDataDir, DataDirError, lookupUser, maskSecrets, runLogged, withTemporaryDaemon, type InitStep } from '@ft/agent';
import { bootstrapStatements, type BootstrapStatement } from './bootstrap-sql.js';
import { clearInterrupted, dataDirState, foreignEntries, markComplete, markIncomplete } from './data-dir-state.js';
import type { MysqlContext } from './env.js';
import { closeQuietly, connectAsRoot, type Connection } from './mysql-client.js';
import { mysqlPaths } from './paths.js';

export function dataDirStep(ctx: MysqlContext): InitStep {
  return { name: 'data dir', run: () => prepareDataDir(ctx) };
}

async function prepareDataDir(ctx: MysqlContext): Promise<void> {
  const { config, log } = ctx;
  const dataDir = config.MYSQL_DATA_DIR;
  const owner = lookupUser(ctx.platform.user);
  await prepareRunDir(ctx, owner);
  // Made when missing; refused (exit 78) when it is, or links to, a system directory.
  await checkDataDir('MYSQL_DATA_DIR', dataDir);
  const state = await dataDirState(dataDir);
  if (state === 'fresh') {
    // Someone else's files and no MariaDB data dir: refused before anything changes, so that a
    // first start never mixes its files with them (nor, cut short, removes them).
    const foreign = await foreignEntries(dataDir);
    if (foreign.length > 0) {
      throw new DataDirError(
        'MYSQL_DATA_DIR',
        `${dataDir} holds files (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', ...' : ''}) but no MariaDB data dir; name an empty directory (nothing in it was changed)`,
      );
    }
  }
  // The volume's mount point arrives owned by root; only the top is changed, never the data in it.
  await chown(dataDir, owner.uid, owner.gid);

  if (state === 'initialised') {
    log.info({ dataDir }, 'data dir already initialised: kept as it is (MYSQL_ROOT_PASSWORD and WORDPRESS_DB_* apply at the first start only)');
    return;
  }
  if (state === 'interrupted') {
    const removed = await clearInterrupted(dataDir);
    log.warn({ dataDir, removed }, 'a previous first start was cut short: starting it over');
  }
  await initialise(ctx);
}

/** mariadbd runs as its own user: it must reach the run dir and own its part of it. */
async function prepareRunDir(ctx: MysqlContext, owner: { uid: number; gid: number }): Promise<void> {
  const paths = mysqlPaths(ctx.agent.AGENT_RUN_DIR);
  // mariadbd reaches my.cnf and mysqld/ by name.
  await allowTraversal(ctx.agent.AGENT_RUN_DIR);
  for (const dir of [paths.dir, paths.tmpDir]) {
    await mkdir(dir, { recursive: true, mode: 0o750 });
    await chown(dir, owner.uid, owner.gid);
  }
}

async function initialise(ctx: MysqlContext): Promise<void> {
  const { config, platform, log, signal } = ctx;
  const dataDir = config.MYSQL_DATA_DIR;
  const paths = mysqlPaths(ctx.agent.AGENT_RUN_DIR);
  await markIncomplete(dataDir);

  ctx.progress('creating the system tables');
  log.info({ dataDir }, 'empty data dir: creating the system tables');
  await runLogged(
    'mariadb-install-db',
    [
      platform.installDb,
      `--defaults-file=${paths.config}`,
      `--datadir=${dataDir}`,
      // Run as root, it hands every file it makes to this user.
      `--user=${platform.user}`,
      // root@localhost only, by unix_socket until the bootstrap below gives it a password.
      '--auth-root-authentication-method=socket',
      '--skip-test-db',
      // No accounts or proxy grants for this host's name: it changes with every pod.
      '--skip-name-resolve',
    ],
    log,
    signal,
  );

  ctx.progress('creating the accounts on a temporary server');
  await withTemporaryDaemon(
    {
      // No TCP listener, its own socket under the run dir: no client can reach the server before
      // root has a password and the WordPress account exists.
      name: 'mariadbd-init',
      argv: [platform.mariadbd, `--defaults-file=${paths.config}`, '--skip-networking', `--socket=${paths.initSocket}`, `--pid-file=${paths.initPidFile}`],
      user: platform.user,
      log,
      logLevel: 'info',
      signal,
      connect: () => connectAsRoot(paths.initSocket, 2_000),
      // It creates InnoDB's files on its first start.
      readyTimeoutMs: 120_000,
      release: closeQuietly,
      stopTimeoutMs: 60_000,
      // The agent exits soon after its stop signal, without waiting for init: the server must not
      // outlive it. The marker stays, so the next start begins again from scratch.
      abortSignal: 'SIGKILL',
    },
    (conn) => applyBootstrap(conn, bootstrapStatements(config), [config.MYSQL_ROOT_PASSWORD, config.WORDPRESS_DB_PASSWORD], log),
  );
  await markComplete(dataDir);
  log.info({ dataDir, database: config.WORDPRESS_DB_NAME, user: config.WORDPRESS_DB_USER }, 'data dir initialised');
}

/**
 * Runs each statement; a failure names the statement by its `what`. mysql2's errors carry the
 * formatted SQL (passwords included), so only the server's message goes on, masked.
 */
async function applyBootstrap(
  conn: Connection,
  statements: readonly BootstrapStatement[],
  secrets: readonly string[],
  log: MysqlContext['log'],
): Promise<void> {
  for (const statement of statements) {
    try {
      await conn.query(statement.sql, [...statement.values]);
    } catch (err) {
      // eslint-disable-next-line preserve-caught-error -- no cause on purpose: the server's message may quote a secret; the masked text is in the message.
      throw new Error(`first-start SQL failed (${statement.what}): ${maskSecrets(serverMessage(err), secrets)}`);
    }
    log.info(statement.what);
  }
}

function serverMessage(err: unknown): string {
  const e = err as { code?: unknown; sqlMessage?: unknown; message?: unknown };
  const text = typeof e.sqlMessage === 'string' ? e.sqlMessage : String(e.message ?? err);
  return typeof e.code === 'string' ? `${e.code}: ${text}` : text;
}
