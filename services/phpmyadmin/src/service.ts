/**
 * phpmyadmin: phpMyAdmin on its own nginx (TLS, PHPMYADMIN_PORT) in front of php-fpm, cookie
 * login against MYSQL_HOST:MYSQL_PORT, root refused. Works directly and behind the nginx
 * service's /phpmyadmin/ proxy (see conf/config.inc.php on PmaAbsoluteUri).
 */
import { defineService } from '@ft/agent';
import { phpSiteProcesses, phpSiteTemplates } from '@ft/php-site';
import { phpmyadminChecks } from './checks.js';
import { phpmyadminCollectors } from './collectors.js';
import { phpmyadminEnv } from './env.js';
import { phpmyadminInitSteps } from './init.js';
import { pmaPaths } from './paths.js';
import { platforms } from './platform.js';
import { phpmyadminTemplateVars } from './template-vars.js';

const templateDir = new URL('../conf/', import.meta.url);

export const phpmyadmin = defineService({
  name: 'phpmyadmin',
  env: phpmyadminEnv,
  platforms,
  templateDir,
  templates: (ctx) => [
    ...phpSiteTemplates(ctx),
    // Secrets: the agent's file, read by the web user's group (the step 'phpmyadmin config readable').
    { source: 'config.inc.php', target: pmaPaths(ctx.agent.AGENT_RUN_DIR).configFile, mode: 0o640 },
  ],
  templateVars: (ctx) => phpmyadminTemplateVars(ctx),
  init: (ctx) => phpmyadminInitSteps(ctx, templateDir),
  processes: (ctx) => phpSiteProcesses(ctx),
  checks: (ctx) => phpmyadminChecks(ctx),
  collectors: (ctx) => phpmyadminCollectors(ctx),
  volumes: (ctx) => [ctx.agent.AGENT_RUN_DIR],
});
