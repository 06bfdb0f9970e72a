/**
 * phpmyadmin: phpMyAdmin on its own nginx (TLS, PHPMYADMIN_PORT) in front of php-fpm, cookie
 * login against MYSQL_HOST:MYSQL_PORT, root refused. Works directly and behind the nginx
 * service's /phpmyadmin/ proxy (see conf/config.inc.php on PmaAbsoluteUri).
 */
import { defineService, tcpCheck, vars } from '@ft/agent';
import {
  httpsPageCheck,
  phpFpmPingCheck,
  phpSiteCollectors,
  phpSiteEnv,
  phpSiteInitSteps,
  phpSiteProcesses,
  phpSiteTemplates,
  phpSiteTemplateVars,
  webUserDirsStep,
  webUserReadableStep,
} from '@ft/php-site';
import { platforms } from './platform.js';
import { configHookStep, pmaPaths, pmaTemplateVars } from './template-vars.js';

const templateDir = new URL('../conf/', import.meta.url);

export const phpmyadmin = defineService({
  name: 'phpmyadmin',
  env: {
    ...phpSiteEnv(8183),
    PHPMYADMIN_PORT: vars.port().default(5000),
    /** Cookie encryption key material (a Secret); at least 32 characters. */
    PMA_BLOWFISH_SECRET: vars.password(32),
  },
  platforms,
  templateDir,
  templates: (ctx) => [
    ...phpSiteTemplates(ctx),
    // Secrets: the agent's file, read by the web user's group (the step 'phpmyadmin config readable').
    { source: 'config.inc.php', target: pmaPaths(ctx.agent.AGENT_RUN_DIR).configFile, mode: 0o640 },
  ],
  templateVars: (ctx) => ({
    ...phpSiteTemplateVars(ctx),
    pma: pmaTemplateVars({
      runDir: ctx.agent.AGENT_RUN_DIR,
      mysqlHost: ctx.config.MYSQL_HOST,
      mysqlPort: ctx.config.MYSQL_PORT,
      blowfishSecret: ctx.config.PMA_BLOWFISH_SECRET,
    }),
  }),
  init: (ctx) => {
    const pma = pmaPaths(ctx.agent.AGENT_RUN_DIR);
    return [
      ...phpSiteInitSteps(ctx),
      webUserReadableStep(ctx, 'phpmyadmin config readable', [pma.configFile]),
      // PHP sessions and phpMyAdmin's TempDir (twig cache, uploads).
      webUserDirsStep(ctx, 'phpmyadmin directories', [pma.sessionDir, pma.tmpDir], 0o700),
      configHookStep(new URL('config-hook.php', templateDir), ctx.platform.configHook),
    ];
  },
  processes: (ctx) => phpSiteProcesses(ctx),
  checks: (ctx) => [
    httpsPageCheck(ctx, { port: ctx.config.PHPMYADMIN_PORT, path: '/', bodyContains: 'pma_username', name: 'login-page' }),
    phpFpmPingCheck(ctx),
    // phpMyAdmin without its database still shows a login page but cannot log anyone in: not
    // ready, yet never restarted for it.
    { name: 'mysql', probe: tcpCheck({ host: ctx.config.MYSQL_HOST, port: ctx.config.MYSQL_PORT }), scope: 'readiness' },
  ],
  collectors: (ctx) => phpSiteCollectors(ctx),
  volumes: (ctx) => [ctx.agent.AGENT_RUN_DIR],
});
