/**
 * ftps: vsftpd with explicit TLS required, one local user, a small fixed passive range that
 * advertises the load balancer's address, files on the volume.
 */
import { defineService, ftpsCheck, probeHost, tcpCheck, tlsCertStep } from '@ft/agent';
import { isIpv4, ftpsEnv } from './env.js';
import { ftpCollector } from './collectors.js';
import { ftpUserStep } from './ftp-user.js';
import { passiveRange } from './passive-range.js';
import { ftpsPaths } from './paths.js';
import { platforms } from './platform.js';
import { sessionLimits } from './session-limits.js';
import { vsftpdRuntimeStep } from './vsftpd-runtime.js';

/** vsftpd listens on LISTEN_HOST; the agent reaches it over loopback unless it listens elsewhere. */

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
  templateVars: (ctx) => ({
    files: ftpsPaths(ctx.agent.AGENT_RUN_DIR),
    limits: sessionLimits(),
    pasv: passiveRange(ctx.config),
    // pasv_address takes an IPv4 address unless vsftpd is told to resolve a name.
    pasvAddrResolve: isIpv4(ctx.config.EXTERNAL_HOST) ? 'NO' : 'YES',
  }),
  init: (ctx) => {
    const files = ftpsPaths(ctx.agent.AGENT_RUN_DIR);
    return [
      tlsCertStep({
        certPath: files.cert,
        keyPath: files.key,
        certPem: ctx.config.TLS_CERT,
        keyPem: ctx.config.TLS_KEY,
        commonName: ctx.config.EXTERNAL_HOST,
      }),
      ftpUserStep({
        user: ctx.config.FTP_USER,
        password: ctx.config.FTP_PASSWORD,
        dataDir: ctx.config.FTP_DATA_DIR,
        loginShell: ctx.platform.loginShell,
      }),
      vsftpdRuntimeStep({ secureChrootDir: ctx.platform.secureChrootDir, logFile: files.log }),
    ];
  },
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
  checks: (ctx) => [
    {
      // A full client session: TLS login and a listing over a TLS passive data connection.
      // Each run is one login in vsftpd's log, so it shows in the ftp logins total.
      name: 'ftps-login',
      probe: ftpsCheck({
        host: probeHost(ctx.config.LISTEN_HOST),
        port: ctx.config.FTP_PORT,
        user: ctx.config.FTP_USER,
        password: ctx.config.FTP_PASSWORD,
      }),
      intervalMs: 20_000,
      timeoutMs: 10_000,
    },
  ],
  collectors: (ctx) => [
    ftpCollector({ logFile: ftpsPaths(ctx.agent.AGENT_RUN_DIR).log, processes: ctx.processes, processName: 'vsftpd', log: ctx.log }),
  ],
  volumes: (ctx) => [ctx.config.FTP_DATA_DIR],
});
