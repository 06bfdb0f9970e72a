/**
 * Grafana's directories on the volume (data, logs, plugins) and the provisioning folders Grafana
 * scans, owned by the user Grafana runs as: a fresh volume arrives root-owned.
 */
import { chown, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { checkDataDir, lookupUser, type InitStep } from '@ft/agent';

export function grafanaDirsStep(options: { dataDir: string; provisioningDir: string; user: string }): InitStep {
  return {
    name: 'grafana-dirs',
    async run() {
      const user = lookupUser(options.user);
      // Refused (exit 78) when it is, or links to, a system directory: its top is given away below.
      await checkDataDir('GRAFANA_DATA_DIR', options.dataDir);
      const owned = [options.dataDir, ...['data', 'logs', 'plugins'].map((d) => path.join(options.dataDir, d))];
      for (const dir of owned) {
        await mkdir(dir, { recursive: true });
        await chown(dir, user.uid, user.gid);
      }
      // Folders Grafana reads at start; empty ones spare it an error line each.
      for (const sub of ['plugins', 'alerting']) await mkdir(path.join(options.provisioningDir, sub), { recursive: true });
    },
  };
}
