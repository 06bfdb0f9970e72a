/** Where the service keeps what vsftpd reads and writes at run time: all under AGENT_RUN_DIR. */
import path from 'node:path';

export interface FtpsPaths {
  config: string;
  userList: string;
  cert: string;
  key: string;
  /** vsftpd's own log (logins and transfers), read by the ftp collector. */
  log: string;
  /** OpenSSL settings for vsftpd alone (OPENSSL_CONF): the TLS 1.2 cap. */
  opensslConfig: string;
}

export function ftpsPaths(runDir: string): FtpsPaths {
  const dir = path.join(runDir, 'vsftpd');
  return {
    config: path.join(dir, 'vsftpd.conf'),
    userList: path.join(dir, 'user_list'),
    cert: path.join(runDir, 'tls', 'ftps.crt'),
    key: path.join(runDir, 'tls', 'ftps.key'),
    log: path.join(dir, 'vsftpd.log'),
    opensslConfig: path.join(dir, 'openssl.cnf'),
  };
}
