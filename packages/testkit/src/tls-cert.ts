/** A throwaway self-signed certificate for TLS servers started by tests. */
import { isIP } from 'node:net';
import path from 'node:path';
import { run } from './exec.js';

export interface SelfSignedCert {
  certFile: string;
  keyFile: string;
}

/**
 * Writes `cert.pem` and `key.pem` (mode 0600) into `dir` with the openssl CLI. RSA rather than
 * EC: vsftpd 3.0.3 and every FTP client the tests use agree on RSA suites without tuning.
 * The names cover `cn` and 127.0.0.1, so a client that does verify can be given the cert as a CA.
 */
export async function makeSelfSignedCert(dir: string, cn = 'localhost'): Promise<SelfSignedCert> {
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  const names = new Set([isIP(cn) ? `IP:${cn}` : `DNS:${cn}`, 'IP:127.0.0.1']);
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-sha256',
    '-days',
    '7',
    '-subj',
    `/CN=${cn}`,
    '-addext',
    `subjectAltName=${[...names].join(',')}`,
    '-keyout',
    keyFile,
    '-out',
    certFile,
  ]);
  return { certFile, keyFile };
}
