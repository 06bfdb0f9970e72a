/**
 * The mysql container's init steps, in order: the data dir (created and bootstrapped on a first
 * start, first-start.ts), then the `mysqld` link the server is started through.
 */
import { processNameLinkStep, type InitStep } from '@ft/agent';
import type { MysqlContext } from './env.js';
import { dataDirStep } from './first-start.js';
import { mysqlPaths } from './paths.js';

export function mysqlInitSteps(ctx: MysqlContext): InitStep[] {
  return [dataDirStep(ctx), processNameLinkStep(ctx.platform.mariadbd, mysqlPaths(ctx.agent.AGENT_RUN_DIR).serverLink)];
}
