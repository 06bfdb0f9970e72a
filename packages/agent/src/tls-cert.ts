/**
 * The TLS certificate of a service: the one given (a Secret, as PEM text) or, when none is, a
 * self-signed one made at start with openssl. Never baked into an image.
 */
import { execFile } from 'node:child_process';
import { mkdir, stat, writeFile, chown } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { lookupUser } from './system-users.js';
import type { InitStep } from './types.js';

const exec = promisify(execFile);

export interface TlsCertOptions {
  /** Where the daemon reads its certificate and key. */
  certPath: string;
  keyPath: string;
  /** PEM text from the environment (TLS_CERT / TLS_KEY); both or neither. */
  certPem?: string | undefined;
  keyPem?: string | undefined;
  /** Subject CN and subjectAltName of a self-signed certificate, e.g. the external address. */
  commonName: string;
  /** Owner of the key file (the daemon's user), default: the agent's user. */
  owner?: string;
  /** openssl binary, default `openssl` on PATH. */
  openssl?: string;
}

/** An init step that puts a certificate and key in place (mode 600 key). */
export function tlsCertStep(options: TlsCertOptions): InitStep {
  return { name: 'tls certificate', run: () => ensureTlsCert(options).then(() => undefined) };
}

/** Returns how the certificate came: 'given', 'kept' (a self-signed one from an earlier start) or 'generated'. */
export async function ensureTlsCert(options: TlsCertOptions): Promise<'given' | 'kept' | 'generated'> {
  const { certPath, keyPath, certPem, keyPem } = options;
  if ((certPem === undefined) !== (keyPem === undefined)) {
    throw new Error('a TLS certificate needs both TLS_CERT and TLS_KEY (only one is set)');
  }
  await mkdir(path.dirname(certPath), { recursive: true });
  await mkdir(path.dirname(keyPath), { recursive: true });
  let how: 'given' | 'kept' | 'generated';
  if (certPem !== undefined && keyPem !== undefined) {
    if (!/-----BEGIN [A-Z ]*CERTIFICATE-----/.test(certPem)) throw new Error('TLS_CERT is not a PEM certificate');
    if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(keyPem)) throw new Error('TLS_KEY is not a PEM private key');
    await writeFile(certPath, certPem.endsWith('\n') ? certPem : `${certPem}\n`, { mode: 0o644 });
    await writeFile(keyPath, keyPem.endsWith('\n') ? keyPem : `${keyPem}\n`, { mode: 0o600 });
    how = 'given';
  } else if ((await exists(certPath)) && (await exists(keyPath))) {
    how = 'kept';
  } else {
    const san = /^[\d.]+$|:/.test(options.commonName) ? `IP:${options.commonName}` : `DNS:${options.commonName}`;
    await exec(options.openssl ?? 'openssl', [
      'req', '-x509', // RSA rather than EC: vsftpd and older FTP clients agree on RSA suites without tuning.
      '-newkey', 'rsa:2048', '-nodes', '-days', '825',
      '-subj', `/CN=${options.commonName}`, '-addext', `subjectAltName=${san}`,
      '-keyout', keyPath, '-out', certPath,
    ]);
    how = 'generated';
  }
  if (options.owner) {
    const user = lookupUser(options.owner);
    await chown(keyPath, user.uid, user.gid);
    await chown(certPath, user.uid, user.gid);
  }
  return how;
}

async function exists(p: string): Promise<boolean> {
  try {
    return (await stat(p)).size > 0;
  } catch {
    return false;
  }
}
