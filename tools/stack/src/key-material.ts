/**
 * The files generated beside secrets.json: the TLS certificate every TLS service serves
 * (`tls/tls.crt`, `tls/tls.key`) and nginx's SSH host keys (`ssh-host-keys/`). Made once and kept,
 * so clients see the same certificate and host key after every restart; the certificate alone is
 * made again when the external address it names changes.
 */
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
// Deep imports: the agent's index would pull its HTTP server, checks and every daemon helper into the CLI bundle.
import { ensureSshHostKeys, ensureTlsCert, sshHostKeyPath, SSH_HOST_KEY_TYPES } from '@ft/agent/host';

export interface KeyMaterialPaths {
  tlsDir: string;
  tlsCert: string;
  tlsKey: string;
  /** The name the certificate was made for (CN and SAN). */
  tlsHostFile: string;
  sshHostKeyDir: string;
}

export function keyMaterialPaths(stateDir: string): KeyMaterialPaths {
  const tlsDir = path.join(stateDir, 'tls');
  return {
    tlsDir,
    tlsCert: path.join(tlsDir, 'tls.crt'),
    tlsKey: path.join(tlsDir, 'tls.key'),
    tlsHostFile: path.join(tlsDir, 'host'),
    sshHostKeyDir: path.join(stateDir, 'ssh-host-keys'),
  };
}

export interface KeyMaterialReport {
  tls: 'kept' | 'generated';
  /** Host key types made now (empty: all kept). */
  hostKeysMade: string[];
}

/**
 * Ensures both. `externalHost` undefined keeps whatever certificate exists (made for `localhost`
 * when there is none).
 */
export async function ensureKeyMaterial(stateDir: string, externalHost: string | undefined): Promise<KeyMaterialReport> {
  const paths = keyMaterialPaths(stateDir);
  const tls = await ensureCertificate(paths, externalHost);
  const hostKeysMade = await ensureHostKeys(paths.sshHostKeyDir);
  return { tls, hostKeysMade };
}

async function ensureCertificate(paths: KeyMaterialPaths, externalHost: string | undefined): Promise<'kept' | 'generated'> {
  await mkdir(paths.tlsDir, { recursive: true, mode: 0o700 });
  const madeFor = (await readText(paths.tlsHostFile))?.trim();
  const wanted = externalHost ?? madeFor ?? 'localhost';
  if (madeFor !== wanted) {
    // A certificate for another address would fail every client's name check: replace it.
    await rm(paths.tlsCert, { force: true });
    await rm(paths.tlsKey, { force: true });
  }
  const how = await ensureTlsCert({ certPath: paths.tlsCert, keyPath: paths.tlsKey, commonName: wanted });
  await chmod(paths.tlsKey, 0o600);
  await chmod(paths.tlsCert, 0o600);
  await writeFile(paths.tlsHostFile, `${wanted}\n`, { mode: 0o600 });
  return how === 'kept' ? 'kept' : 'generated';
}

/** nginx's host keys (the agent's own helper), private to their owner. */
async function ensureHostKeys(dir: string): Promise<string[]> {
  const made = await ensureSshHostKeys(dir);
  await chmod(dir, 0o700);
  for (const type of SSH_HOST_KEY_TYPES) {
    const file = sshHostKeyPath(dir, type);
    // sshd refuses a private key others can read; the .pub is kept private too (the contract: 600).
    await chmod(file, 0o600);
    await chmod(`${file}.pub`, 0o600).catch(() => undefined);
  }
  return made;
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
