/**
 * mysql: MariaDB for WordPress and phpMyAdmin. The first start on an empty data dir creates the
 * system tables, root's password and the WordPress database and user; later starts only run it.
 */
import { defineService, mysqlCheck, probeHost, processNameLinkStep, tcpCheck } from '@ft/agent';
import { mysqlEnv } from './env.js';
import { dataDirStep } from './first-start.js';
import { mysqlPaths } from './paths.js';
import { platforms } from './platform.js';
import { mysqlStatusCollector } from './status-collector.js';

export const mysql = defineService({
  name: 'mysql',
  env: mysqlEnv,
  platforms,
  templateDir: new URL('../conf/', import.meta.url),
  templates: (ctx) => [{ source: 'my.cnf', target: mysqlPaths(ctx.agent.AGENT_RUN_DIR).config }],
  templateVars: (ctx) => ({ paths: mysqlPaths(ctx.agent.AGENT_RUN_DIR) }),
  init: (ctx) => [dataDirStep(ctx), processNameLinkStep(ctx.platform.mariadbd, mysqlPaths(ctx.agent.AGENT_RUN_DIR).serverLink)],
  processes: (ctx) => [
    {
      name: 'mariadbd',
      // Directly, never through mysqld_safe: a crash must end the container, not restart quietly.
      argv: [mysqlPaths(ctx.agent.AGENT_RUN_DIR).serverLink, `--defaults-file=${mysqlPaths(ctx.agent.AGENT_RUN_DIR).config}`],
      user: ctx.platform.user,
      // Crash recovery after a kill replays the redo log before the server listens.
      ready: { probe: tcpCheck({ host: probeHost(ctx.config.LISTEN_HOST), port: ctx.config.MYSQL_PORT }), timeoutMs: 300_000, intervalMs: 250 },
    },
  ],
  checks: (ctx) => [
    // Liveness: the server accepts connections. A restart cannot fix a credential mismatch, so
    // the WordPress login below only decides readiness and never restarts the database.
    { name: 'listening', probe: tcpCheck({ host: probeHost(ctx.config.LISTEN_HOST), port: ctx.config.MYSQL_PORT }) },
    {
      // What WordPress does: log in over TCP with its account and reach its database.
      name: 'mysql',
      scope: 'readiness',
      probe: mysqlCheck({
        host: probeHost(ctx.config.LISTEN_HOST),
        port: ctx.config.MYSQL_PORT,
        user: ctx.config.WORDPRESS_DB_USER,
        password: ctx.config.WORDPRESS_DB_PASSWORD,
        database: ctx.config.WORDPRESS_DB_NAME,
      }),
    },
  ],
  collectors: (ctx) => [mysqlStatusCollector({ socket: mysqlPaths(ctx.agent.AGENT_RUN_DIR).socket, processes: ctx.processes, process: 'mariadbd', signal: ctx.signal })],
  volumes: (ctx) => [ctx.config.MYSQL_DATA_DIR],
});
