/**
 * The TLS certificate of a service: the one given (a Secret, as PEM text) or, when none is, a
 * self-signed one made at start with openssl. Never baked into an image.
 */
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdir, readFile, stat, writeFile, chown } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { lookupUser } from './system-users.js';
import type { InitStep } from './types.js';

const exec = promisify(execFile);

/**
 * A kept self-signed certificate is made anew at a start when less than this remains of it (or it
 * cannot be read). 30 days: a pod restarts far more often than that (every deploy, node drain or
 * crash), and the 825 days a new one gets leave a start ~795 days to come; a pod that runs the
 * whole time without one would still serve an expired certificate, which only a restart fixes.
 */
export const RENEW_BEFORE_MS = 30 * 24 * 3600 * 1000;
/** What a self-signed certificate gets: the most Apple's clients accept, and what others expect. */
const SELF_SIGNED_DAYS = 825;

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
  /** The time to judge expiry against; default now (tests move it). */
  now?: Date;
}

/** An init step that puts a certificate and key in place (mode 600 key). */
export function tlsCertStep(options: TlsCertOptions): InitStep {
  return { name: 'tls certificate', run: () => ensureTlsCert(options).then(() => undefined) };
}

export type TlsCertSource = 'given' | 'kept' | 'generated' | 'renewed';

/**
 * Returns how the certificate came: 'given', 'kept' (a self-signed one from an earlier start),
 * 'generated', or 'renewed' (the kept one had less than RENEW_BEFORE_MS left, or could not be read).
 */
export async function ensureTlsCert(options: TlsCertOptions): Promise<TlsCertSource> {
  const { certPath, keyPath, certPem, keyPem } = options;
  if ((certPem === undefined) !== (keyPem === undefined)) {
    throw new Error('a TLS certificate needs both TLS_CERT and TLS_KEY (only one is set)');
  }
  await mkdir(path.dirname(certPath), { recursive: true });
  await mkdir(path.dirname(keyPath), { recursive: true });
  let how: TlsCertSource;
  if (certPem !== undefined && keyPem !== undefined) {
    if (!/-----BEGIN [A-Z ]*CERTIFICATE-----/.test(certPem)) throw new Error('TLS_CERT is not a PEM certificate');
    if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(keyPem)) throw new Error('TLS_KEY is not a PEM private key');
    await writeFile(certPath, certPem.endsWith('\n') ? certPem : `${certPem}\n`, { mode: 0o644 });
    await writeFile(keyPath, keyPem.endsWith('\n') ? keyPem : `${keyPem}\n`, { mode: 0o600 });
    how = 'given';
  } else if ((await exists(certPath)) && (await exists(keyPath)) && !(await expiresSoon(certPath, options.now ?? new Date()))) {
    how = 'kept';
  } else {
    const renewing = (await exists(certPath)) && (await exists(keyPath));
    const san = /^[\d.]+$|:/.test(options.commonName) ? `IP:${options.commonName}` : `DNS:${options.commonName}`;
    await exec(options.openssl ?? 'openssl', [
      'req',
      '-x509', // RSA rather than EC: vsftpd and older FTP clients agree on RSA suites without tuning.
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      String(SELF_SIGNED_DAYS),
      '-subj',
      `/CN=${options.commonName}`,
      '-addext',
      `subjectAltName=${san}`,
      '-keyout',
      keyPath,
      '-out',
      certPath,
    ]);
    how = renewing ? 'renewed' : 'generated';
  }
  if (options.owner) {
    const user = lookupUser(options.owner);
    await chown(keyPath, user.uid, user.gid);
    await chown(certPath, user.uid, user.gid);
  }
  return how;
}

/** True when the certificate at `certPath` ends within RENEW_BEFORE_MS of `now`, or cannot be read. */
async function expiresSoon(certPath: string, now: Date): Promise<boolean> {
  try {
    const notAfter = Date.parse(new X509Certificate(await readFile(certPath)).validTo);
    return !(notAfter - now.getTime() > RENEW_BEFORE_MS);
  } catch {
    return true;
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    return (await stat(p)).size > 0;
  } catch {
    return false;
  }
}
