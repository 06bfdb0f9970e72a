/**
 * Test support for the services built on php-site (wordpress, phpmyadmin): what their tests check
 * of a running agent's TLS, run directories, secret configs and stop, against the real daemons.
 */
import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import tls from 'node:tls';
import { expect } from 'vitest';
import { phpSitePaths } from '../src/paths.js';

export interface Handshake {
  ok: boolean;
  protocol?: string | null;
  cipher?: string;
  error?: string;
}

/** One TLS handshake with the given client limits (certificate not verified: self-signed). */
export function tlsHandshake(host: string, port: number, options: Pick<tls.ConnectionOptions, 'ciphers' | 'minVersion' | 'maxVersion'>): Promise<Handshake> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host, port, rejectUnauthorized: false, servername: undefined, ...options });
    const timer = setTimeout(() => finish({ ok: false, error: 'timeout' }), 5_000);
    const finish = (result: Handshake): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    socket.once('secureConnect', () => finish({ ok: true, protocol: socket.getProtocol(), cipher: socket.getCipher().standardName }));
    socket.once('error', (err: Error) => finish({ ok: false, error: err.message }));
  });
}

/** Client offers that must fail: no forward secrecy (RSA key exchange), old protocols. */
export const REFUSED_OFFERS: { what: string; options: Pick<tls.ConnectionOptions, 'ciphers' | 'minVersion' | 'maxVersion'> }[] = [
  { what: 'TLS 1.2 with RSA key exchange (AES128-GCM-SHA256)', options: { maxVersion: 'TLSv1.2', ciphers: 'AES128-GCM-SHA256:AES256-GCM-SHA384' } },
  {
    what: 'TLS 1.2 with CBC suites (ECDHE-RSA-AES128-SHA256)',
    options: { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384:ECDHE-RSA-AES128-SHA' },
  },
  { what: 'TLS 1.1', options: { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' } },
];

/** Client offers that must succeed. */
export const ACCEPTED_OFFERS: { what: string; options: Pick<tls.ConnectionOptions, 'ciphers' | 'minVersion' | 'maxVersion'> }[] = [
  { what: 'TLS 1.2 ECDHE-RSA-AES128-GCM-SHA256', options: { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES128-GCM-SHA256' } },
  { what: 'TLS 1.2 ECDHE-RSA-CHACHA20-POLY1305', options: { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-CHACHA20-POLY1305' } },
  { what: 'TLS 1.3', options: { minVersion: 'TLSv1.3' } },
];

export interface DirFacts {
  dir: string;
  uid: number;
  groupOrOtherWritable: boolean;
}

/**
 * Owner and write bits of the run dir and of each directory a root-run master writes in: those of
 * the pid files and the socket, and the parent of nginx's temp dirs (its master chowns each one).
 */
export async function rootWrittenDirs(runDir: string): Promise<DirFacts[]> {
  const paths = phpSitePaths(runDir);
  const dirs = new Set([runDir, ...[paths.nginxPid, paths.phpFpmPid, paths.phpFpmSocket, paths.nginxTemp.clientBody].map((f) => path.dirname(f))]);
  const out: DirFacts[] = [];
  for (const dir of dirs) {
    const st = await stat(dir);
    out.push({ dir, uid: st.uid, groupOrOtherWritable: (st.mode & 0o022) !== 0 });
  }
  return out;
}

/** The pid files, the socket and php-fpm's log (wherever the rendered php-fpm.conf puts it), each with the owner of its directory. */
export async function rootWrittenFiles(runDir: string): Promise<{ file: string; dirUid: number }[]> {
  const paths = phpSitePaths(runDir);
  const fpmConf = await readFile(paths.phpFpmConf, 'utf8');
  const fpmLog = /^error_log = (\S+)$/m.exec(fpmConf)?.[1];
  if (!fpmLog) throw new Error(`no global error_log in ${paths.phpFpmConf}`);
  const files = [paths.nginxPid, paths.phpFpmPid, paths.phpFpmSocket, fpmLog];
  return Promise.all(files.map(async (file) => ({ file, dirUid: (await stat(path.dirname(file))).uid })));
}

/** uid, gid and permission bits of a file. */
export async function ownership(file: string): Promise<{ uid: number; gid: number; mode: number }> {
  const st = await stat(file);
  return { uid: st.uid, gid: st.gid, mode: st.mode & 0o7777 };
}

/** Runs `argv` as `user` (setpriv keeps it simple: no PAM, no login); resolves with the exit code. */
export function runAs(user: string, argv: readonly [string, ...string[]]): Promise<number> {
  return new Promise((resolve) => {
    execFile('setpriv', [`--reuid=${user}`, `--regid=${user}`, '--init-groups', '--', ...argv], (err) => {
      resolve(err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0);
    });
  });
}

/** A secret config the workers must read and never change: root's, the web user's group, 0640; they read it and cannot append. */
export async function expectWebUserReadsOnly(file: string, webUser = 'www-data', webGid = 33): Promise<void> {
  expect(await ownership(file)).toEqual({ uid: 0, gid: webGid, mode: 0o640 });
  expect(await runAs(webUser, ['cat', file])).toBe(0);
  expect(await runAs(webUser, ['sh', '-c', `: >> '${file}'`])).not.toBe(0);
}

/** Root's files in root's directories: every directory a root-run master writes in is root's and not group/other-writable. */
export async function expectRootWrittenDirs(runDir: string): Promise<void> {
  for (const d of await rootWrittenDirs(runDir)) expect(d, d.dir).toMatchObject({ uid: 0, groupOrOtherWritable: false });
  for (const f of await rootWrittenFiles(runDir)) expect(f.dirUid, f.file).toBe(0);
}

/** TLS 1.2 and 1.3 with forward-secret AEAD suites only (TLS_SETTINGS): each accepted offer succeeds, each refused one fails. */
export async function expectForwardSecretTls(port: number, host = '127.0.0.1'): Promise<void> {
  for (const offer of ACCEPTED_OFFERS) expect(await tlsHandshake(host, port, offer.options), offer.what).toMatchObject({ ok: true });
  for (const offer of REFUSED_OFFERS) expect(await tlsHandshake(host, port, offer.options), offer.what).toMatchObject({ ok: false });
}
