/**
 * A link named `grafana-server` to the platform's Grafana binary, which the agent starts through
 * it. The kernel names a process after the file it executes, so the daemon is then called
 * grafana-server (not `grafana`): `pkill grafana-server` (SPEC's fault check, and the name
 * operators know) finds it. Grafana reads only its arguments, not the name it was started by.
 */
import { mkdir, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import type { InitStep } from '@ft/agent';

export function grafanaServerLink(runDir: string): string {
  return path.join(runDir, 'grafana', 'bin', 'grafana-server');
}

/** Made fresh at every start, so it follows the platform profile. */
export function serverLinkStep(target: string, link: string): InitStep {
  return {
    name: 'grafana-server link',
    async run() {
      await mkdir(path.dirname(link), { recursive: true, mode: 0o755 });
      await rm(link, { force: true });
      await symlink(target, link);
    },
  };
}
