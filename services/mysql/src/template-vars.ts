/** The values conf/my.cnf receives: the run-time paths (the settings come from the environment). */
import type { MysqlContext } from './env.js';
import { mysqlPaths, type MysqlPaths } from './paths.js';

export function mysqlTemplateVars(ctx: Pick<MysqlContext, 'agent'>): { paths: MysqlPaths } {
  return { paths: mysqlPaths(ctx.agent.AGENT_RUN_DIR) };
}
