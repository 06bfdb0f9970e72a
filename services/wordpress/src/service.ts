/**
 * wordpress: WordPress behind its own nginx (TLS, WORDPRESS_PORT) and php-fpm, its database in the
 * mysql service. Init waits for MySQL, installs the schema with WordPress's installer when absent,
 * seeds the listed users and keeps siteurl/home on the external address.
 */
import { defineService, mysqlCheck, waitForDependency, type TemplateSpec } from '@ft/agent';
import {
  httpsPageCheck,
  phpFpmPingCheck,
  phpSiteCollectors,
  phpSiteInitSteps,
  phpSiteProcesses,
  phpSiteTemplates,
  phpSiteTemplateVars,
  webUserReadableStep,
} from '@ft/php-site';
import { wordpressEnv } from './env.js';
import { wordpressPlatforms } from './platform.js';
import { debianConfigFile, renderedConfigPath } from './paths.js';
import { wordpressTemplateVars } from './template-vars.js';
import { PHP_INI, pageCacheStep, tuningTemplateVars } from './tuning.js';
import { uploadsDir, uploadsDirStep } from './uploads.js';
import { codeOwnershipStep, installSchemaStep, seedUsersStep, siteUrlStep, uploadPathStep, wpConfigLinkStep } from './init.js';

export const wordpress = defineService({
  name: 'wordpress',
  env: wordpressEnv,
  platforms: wordpressPlatforms,
  templateDir: new URL('../conf/', import.meta.url),
  templates: (ctx) => {
    const specs: TemplateSpec[] = [
      ...phpSiteTemplates(ctx),
      // Secrets: the agent's file, read by the web user's group (the step 'wp-config readable').
      { source: 'wp-config.php', target: renderedConfigPath(ctx.agent.AGENT_RUN_DIR), mode: 0o640 },
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
      webUserReadableStep(ctx, 'wp-config readable', [renderedConfigPath(ctx.agent.AGENT_RUN_DIR)]),
      codeOwnershipStep(ctx),
      uploadsDirStep(ctx),
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
      uploadPathStep(ctx),
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
  // The filesystems it writes and serves from: run dir, code, uploads (its volume).
  volumes: (ctx) => [ctx.agent.AGENT_RUN_DIR, ctx.platform.wordpressDir, uploadsDir(ctx)],
});
