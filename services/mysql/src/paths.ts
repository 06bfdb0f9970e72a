/** Files mariadbd uses at run time: all under AGENT_RUN_DIR, except the data dir (the volume). */
import path from 'node:path';
import { processNameLink } from '@ft/agent';

export interface MysqlPaths {
  /** Owned by the mysql user: sockets, pid files and temp files go here. */
  dir: string;
  /** The rendered my.cnf, the only option file mariadbd reads (--defaults-file). */
  config: string;
  socket: string;
  pidFile: string;
  tmpDir: string;
  /** The first-start server's socket: nothing but the agent knows it, and it never listens on TCP. */
  initSocket: string;
  initPidFile: string;
  /**
   * A link named `mysqld` to the platform's mariadbd, which the agent starts: the process is then
   * called mysqld, so `pkill mysqld` (SPEC's fault check, and operators' habit) finds it.
   */
  serverLink: string;
}

export function mysqlPaths(runDir: string): MysqlPaths {
  const dir = path.join(runDir, 'mysqld');
  return {
    dir,
    config: path.join(runDir, 'my.cnf'),
    socket: path.join(dir, 'mysqld.sock'),
    pidFile: path.join(dir, 'mariadbd.pid'),
    tmpDir: path.join(dir, 'tmp'),
    initSocket: path.join(dir, 'init.sock'),
    initPidFile: path.join(dir, 'init.pid'),
    serverLink: processNameLink(runDir, 'mysqld'),
  };
}
