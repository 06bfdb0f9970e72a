/**
 * mysql: MariaDB for WordPress and phpMyAdmin. The first start on an empty data dir creates the
 * system tables, root's password and the WordPress database and user; later starts only run it.
 */
import { defineService, probeHost, tcpCheck } from '@ft/agent';
import { mysqlChecks } from './checks.js';
import { mysqlStatusCollector } from './collectors.js';
import { mysqlEnv } from './env.js';
import { mysqlInitSteps } from './init.js';
import { mysqlPaths } from './paths.js';
import { platforms } from './platform.js';
import { mysqlTemplateVars } from './template-vars.js';

export const mysql = defineService({
  name: 'mysql',
  env: mysqlEnv,
  platforms,
  templateDir: new URL('../conf/', import.meta.url),
  templates: (ctx) => [{ source: 'my.cnf', target: mysqlPaths(ctx.agent.AGENT_RUN_DIR).config }],
  templateVars: (ctx) => mysqlTemplateVars(ctx),
  init: (ctx) => mysqlInitSteps(ctx),
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
  checks: (ctx) => mysqlChecks(ctx),
  collectors: (ctx) => [
    mysqlStatusCollector({ socket: mysqlPaths(ctx.agent.AGENT_RUN_DIR).socket, processes: ctx.processes, process: 'mariadbd', signal: ctx.signal }),
  ],
  volumes: (ctx) => [ctx.config.MYSQL_DATA_DIR],
});
