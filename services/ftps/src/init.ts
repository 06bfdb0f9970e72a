/** The container's init steps, in order: TLS certificate, the FTP user, vsftpd's run-time files. */
import { tlsCertStep, type InitStep } from '@ft/agent';
import type { FtpsContext } from './env.js';
import { ftpUserStep } from './ftp-user.js';
import { ftpsPaths } from './paths.js';
import { vsftpdRuntimeStep } from './vsftpd-runtime.js';

export function ftpsInitSteps(ctx: FtpsContext): InitStep[] {
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
}
