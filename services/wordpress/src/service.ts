/**
 * wordpress: WordPress behind its own nginx (TLS, WORDPRESS_PORT) and php-fpm, its database in the
 * mysql service. Init waits for MySQL, installs the schema with WordPress's installer when absent,
 * seeds the listed users and keeps siteurl/home on the external address.
 */
import { defineService, type TemplateSpec } from '@ft/agent';
import { phpSiteProcesses, phpSiteTemplates, phpSiteTemplateVars } from '@ft/php-site';
import { wordpressChecks } from './checks.js';
import { wordpressCollectors } from './collectors.js';
import { wordpressEnv } from './env.js';
import { wordpressInitSteps } from './init.js';
import { debianConfigFile, renderedConfigPath } from './paths.js';
import { wordpressPlatforms } from './platform.js';
import { wordpressTemplateVars } from './template-vars.js';
import { PHP_INI, tuningTemplateVars } from './tuning.js';
import { uploadsDir } from './uploads.js';

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
  init: (ctx) => wordpressInitSteps(ctx),
  processes: (ctx) => phpSiteProcesses(ctx, { ini: PHP_INI }),
  checks: (ctx) => wordpressChecks(ctx),
  collectors: (ctx) => wordpressCollectors(ctx),
  // The filesystems it writes and serves from: run dir, code, uploads (its volume).
  volumes: (ctx) => [ctx.agent.AGENT_RUN_DIR, ctx.platform.wordpressDir, uploadsDir(ctx)],
});
