/**
 * The nginx container: nginx on 80 (301 to https) and 443 (index page, /wordpress 307 to
 * WordPress's port, /phpmyadmin/ reverse proxy), and sshd for one named user.
 */
import { defineService, probeHost, tcpCheck, httpCheck } from '@ft/agent';
import { nginxChecks } from './checks.js';
import { nginxCollectors } from './collectors.js';
import { nginxEnv } from './env.js';
import { nginxInitSteps } from './init.js';
import { contextPaths as paths, nginxStatusUrl } from './paths.js';
import { platforms } from './platform.js';
import { readResolvConf } from './resolv-conf.js';
import { nginxTemplateVars } from './template-vars.js';

export const nginx = defineService({
  name: 'nginx',
  env: nginxEnv,
  platforms,
  templateDir: new URL('../conf/', import.meta.url),
  templateVars: (ctx) => nginxTemplateVars(ctx.config, paths(ctx), readResolvConf()),
  templates: (ctx) => [
    { source: 'nginx.conf', target: paths(ctx).nginxConf },
    { source: 'index.html', target: `${paths(ctx).www}/index.html` },
    { source: 'sshd_config', target: paths(ctx).sshdConfig, mode: 0o600 },
  ],
  init: (ctx) => nginxInitSteps(ctx, paths(ctx)),
  processes: (ctx) => [
    {
      name: 'nginx',
      argv: [ctx.platform.nginx, '-e', 'stderr', '-p', paths(ctx).nginxPrefix, '-c', paths(ctx).nginxConf],
      ready: { probe: httpCheck({ url: nginxStatusUrl(ctx.config.STATUS_PORT) }), timeoutMs: 60_000 },
      // Graceful: requests in flight finish (within the agent's grace period).
      stopSignal: 'SIGQUIT',
    },
    {
      name: 'sshd',
      // sshd re-executes itself per connection and so needs its absolute path.
      argv: [ctx.platform.sshd, '-D', '-e', '-f', paths(ctx).sshdConfig],
      ready: { probe: tcpCheck({ host: probeHost(ctx.config.LISTEN_HOST), port: ctx.config.SSH_PORT }), timeoutMs: 60_000 },
    },
  ],
  checks: (ctx) => nginxChecks(ctx, paths(ctx)),
  collectors: (ctx) => nginxCollectors(ctx),
  volumes: (ctx) => [ctx.agent.AGENT_RUN_DIR],
});
