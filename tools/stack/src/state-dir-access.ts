/**
 * The daemons of the local mode run as their own users (mysql, influxdb, www-data, the FTP user),
 * and each must pass through every directory above its data dir. A state dir below a private
 * directory (mode 0700: a home, or the repository's own `state/`, which the secrets step creates
 * 0700) would make them fail deep inside their start with "permission denied".
 */
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { allowTraversal } from '@ft/agent/host';

/** Search permission for others on `dir`'s ancestors: what is missing is added where this tool made
 * the directory (`owned`), and named otherwise, before anything starts. */
export async function ensureStateDirReachable(stateDir: string, owned: readonly string[]): Promise<void> {
  await mkdir(stateDir, { recursive: true, mode: 0o711 });
  const blocked: string[] = [];
  for (let dir = path.resolve(stateDir); ; dir = path.dirname(dir)) {
    const mode = (await stat(dir)).mode & 0o7777;
    if ((mode & 0o001) === 0) {
      if (owned.includes(dir)) await allowTraversal(dir);
      else blocked.push(`${dir} (mode ${mode.toString(8).padStart(4, '0')})`);
    }
    if (dir === path.dirname(dir)) break;
  }
  if (blocked.length > 0) {
    throw new Error(
      `the services' own users (mysql, influxdb, www-data, the FTP user) cannot pass through ${blocked.join(', ')} to reach ${stateDir}: ` +
        'pick a --state-dir elsewhere (e.g. under /var/lib or /tmp), or allow passing through with chmod o+x',
    );
  }
}
