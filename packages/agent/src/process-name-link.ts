/**
 * Runs a daemon under the process name people look for. The kernel names a process after the file
 * it executes, so a daemon started through a link named `mysqld` or `grafana-server` is called
 * that, and `pkill mysqld` (SPEC's fault check, and operators' habit) finds it even where the
 * binary is now `mariadbd` or `grafana`. Only for daemons that read their arguments, not argv[0].
 */
import { mkdir, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import type { InitStep } from './types.js';

/** Where the link for `name` lives: a bin dir of its own under the run dir. */
export function processNameLink(runDir: string, name: string): string {
  return path.join(runDir, 'bin', name);
}

/** Makes the link afresh at every start, so it follows the platform profile's binary. */
export function processNameLinkStep(target: string, link: string): InitStep {
  return {
    name: `${path.basename(link)} link`,
    async run() {
      await mkdir(path.dirname(link), { recursive: true, mode: 0o755 });
      await rm(link, { force: true });
      await symlink(target, link);
    },
  };
}
