/** What vsftpd needs on disk before it starts, beside its rendered config. */
import { mkdir, rename } from 'node:fs/promises';
import type { InitStep } from '@ft/agent';

export function vsftpdRuntimeStep(options: { secureChrootDir: string; logFile: string }): InitStep {
  return {
    name: 'vsftpd runtime',
    async run() {
      // vsftpd refuses to start without it; it must stay empty and root-owned.
      await mkdir(options.secureChrootDir, { recursive: true, mode: 0o755 });
      // The ftp collector's totals start at zero with this agent: the previous run's log is kept
      // aside once (for a look after a crash) instead of being counted again.
      await rename(options.logFile, `${options.logFile}.1`).catch((err: unknown) => {
        if ((err as { code?: string }).code !== 'ENOENT') throw err;
      });
    },
  };
}
