/** Values for conf/vsftpd.conf, user_list and openssl.cnf. */
import { isIpv4, type FtpsContext } from './env.js';
import { passiveRange, type PassiveRange } from './passive-range.js';
import { ftpsPaths, type FtpsPaths } from './paths.js';
import { sessionLimits } from './session-limits.js';

export interface FtpsTemplateVars {
  [key: string]: unknown;
  files: FtpsPaths;
  limits: { maxClients: number; maxPerIp: number };
  pasv: PassiveRange;
  pasvAddrResolve: 'YES' | 'NO';
}

export function ftpsTemplateVars(ctx: FtpsContext): FtpsTemplateVars {
  return {
    files: ftpsPaths(ctx.agent.AGENT_RUN_DIR),
    limits: sessionLimits(),
    pasv: passiveRange(ctx.config),
    // pasv_address takes an IPv4 address unless vsftpd is told to resolve a name.
    pasvAddrResolve: isIpv4(ctx.config.EXTERNAL_HOST) ? 'NO' : 'YES',
  };
}
