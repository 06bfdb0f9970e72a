/** `secrets --state-dir DIR --k8s-out OUTDIR [--external-host IP]`: what the Kubernetes setup.sh runs. */
import path from 'node:path';
import { ensureKeyMaterial } from './key-material.js';
import { writeK8sOut } from './k8s-out.js';
import { loadOrCreateSecrets } from './secrets.js';

export interface SecretsCommandOptions {
  stateDir: string;
  k8sOut: string;
  externalHost?: string | undefined;
}

/** Prints what it made or kept, never a value. */
export async function secretsCommand(options: SecretsCommandOptions, print: (line: string) => void): Promise<void> {
  const stateDir = path.resolve(options.stateDir);
  const { secrets, created } = await loadOrCreateSecrets(stateDir);
  const keys = await ensureKeyMaterial(stateDir, options.externalHost);
  const written = await writeK8sOut(stateDir, secrets, path.resolve(options.k8sOut));
  print(`secrets: ${created ? 'generated' : 'kept'} ${path.join(stateDir, 'secrets.json')}`);
  print(`tls certificate: ${keys.tls}; ssh host keys: ${keys.hostKeysMade.length > 0 ? `made ${keys.hostKeysMade.join(', ')}` : 'kept'}`);
  print(`wrote ${written.length} files to ${path.resolve(options.k8sOut)}`);
}
