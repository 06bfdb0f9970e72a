/**
 * ftps: vsftpd with explicit TLS required, one local user, a small fixed passive range that
 * advertises the load balancer's address, files on the volume.
 */
import { defineService, probeHost, tcpCheck } from '@ft/agent';
import { ftpsChecks } from './checks.js';
import { ftpsCollectors } from './collectors.js';
import { ftpsEnv } from './env.js';
import { ftpsInitSteps } from './init.js';
import { ftpsPaths } from './paths.js';
import { platforms } from './platform.js';
import { ftpsTemplateVars } from './template-vars.js';

export const ftps = defineService({
  name: 'ftps',
  env: ftpsEnv,
  platforms,
  templateDir: new URL('../conf/', import.meta.url),
  templates: (ctx) => {
    const files = ftpsPaths(ctx.agent.AGENT_RUN_DIR);
    return [
      // vsftpd refuses a config file that is not root's or that others may write.
      { source: 'vsftpd.conf', target: files.config, mode: 0o600 },
      { source: 'user_list', target: files.userList, mode: 0o644 },
      { source: 'openssl.cnf', target: files.opensslConfig, mode: 0o644 },
      ...(ctx.platform.pamFile ? [{ source: 'debian/pam.d-vsftpd', target: ctx.platform.pamFile, mode: 0o644 }] : []),
    ];
  },
  templateVars: (ctx) => ftpsTemplateVars(ctx),
  init: (ctx) => ftpsInitSteps(ctx),
  processes: (ctx) => [
    {
      name: 'vsftpd',
      argv: [ctx.platform.vsftpd, ftpsPaths(ctx.agent.AGENT_RUN_DIR).config],
      // vsftpd 3.0 truncates some uploads over TLS 1.3 (seen with lftp/GnuTLS: 426 after a broken
      // pipe), and has no option of its own for the protocol version: OpenSSL's config caps it.
      env: { OPENSSL_CONF: ftpsPaths(ctx.agent.AGENT_RUN_DIR).opensslConfig },
      ready: { probe: tcpCheck({ host: probeHost(ctx.config.LISTEN_HOST), port: ctx.config.FTP_PORT }), timeoutMs: 30_000 },
    },
  ],
  checks: (ctx) => ftpsChecks(ctx),
  collectors: (ctx) => ftpsCollectors(ctx),
  volumes: (ctx) => [ctx.config.FTP_DATA_DIR],
});
