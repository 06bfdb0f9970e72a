/**
 * wordpress: WordPress behind its own nginx (TLS, WORDPRESS_PORT) and php-fpm, its database in the
 * mysql service. Init waits for MySQL, installs the schema with WordPress's installer when absent,
 * seeds the listed users and keeps siteurl/home on the external address.
 */
import { defineService, isMain, mysqlCheck, runAgent, waitForDependency, type TemplateSpec } from '@ft/agent';
import {
  httpsPageCheck,
  phpFpmPingCheck,
  phpSiteCollectors,
  phpSiteInitSteps,
  phpSiteProcesses,
  phpSiteTemplates,
  phpSiteTemplateVars,
  webUserOwner,
} from '@ft/php-site';
import { wordpressEnv } from './env.js';
import { wordpressPlatforms } from './platform.js';
import { debianConfigFile, renderedConfigPath } from './site.js';
import { wordpressTemplateVars } from './template-vars.js';
import { PHP_INI, pageCacheStep, tuningTemplateVars } from './tuning.js';
import { installSchemaStep, seedUsersStep, siteUrlStep, wpConfigLinkStep } from './wordpress-init.js';

export const wordpress = defineService({
  name: 'wordpress',
  env: wordpressEnv,
  platforms: wordpressPlatforms,
  templateDir: new URL('../conf/', import.meta.url),
  templates: (ctx) => {
    const owner = webUserOwner(ctx);
    const specs: TemplateSpec[] = [
      ...phpSiteTemplates(ctx),
      { source: 'wp-config.php', target: renderedConfigPath(ctx.agent.AGENT_RUN_DIR), mode: 0o640, ...(owner ? { owner } : {}) },
    ];
    if (ctx.platform.debianConfigDir) {
      specs.push({ source: 'debian-config.php', target: debianConfigFile(ctx.platform.debianConfigDir, ctx.agent.AGENT_RUN_DIR) });
    }
    return specs;
  },
  templateVars: (ctx) => ({ ...phpSiteTemplateVars(ctx), wp: wordpressTemplateVars(ctx), tuning: tuningTemplateVars(ctx) }),
  init: (ctx) => {
    const c = ctx.config;
    return [
      ...phpSiteInitSteps(ctx, { commonName: c.EXTERNAL_HOST }),
      ...pageCacheStep(ctx),
      ...(ctx.platform.debianConfigDir ? [] : [wpConfigLinkStep(ctx)]),
      waitForDependency(
        ctx,
        'mysql',
        mysqlCheck({ host: c.MYSQL_HOST, port: c.MYSQL_PORT, user: c.WORDPRESS_DB_USER, password: c.WORDPRESS_DB_PASSWORD, database: c.WORDPRESS_DB_NAME }),
        { intervalMs: 2_000, logEveryMs: 30_000 },
      ),
      installSchemaStep(ctx),
      seedUsersStep(ctx),
      siteUrlStep(ctx),
    ];
  },
  processes: (ctx) => phpSiteProcesses(ctx, { ini: PHP_INI }),
  checks: (ctx) => [
    // The login page needs MySQL: while the database restarts WordPress is not ready, but it is
    // never restarted for it. Liveness rests on the daemons and php-fpm's ping through nginx.
    httpsPageCheck(ctx, { port: ctx.config.WORDPRESS_PORT, path: '/wp-login.php', bodyContains: 'user_login', scope: 'readiness' }),
    phpFpmPingCheck(ctx),
  ],
  collectors: (ctx) => phpSiteCollectors(ctx),
  // No volume of its own (the database is mysql's): the filesystems it writes and serves from.
  volumes: (ctx) => [ctx.agent.AGENT_RUN_DIR, ctx.platform.wordpressDir],
});

if (isMain(import.meta.url)) runAgent(wordpress);
