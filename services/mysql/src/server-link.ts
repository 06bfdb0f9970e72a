/** The `mysqld` link to mariadbd (see MysqlPaths.serverLink): made fresh at every start. */
import { mkdir, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import type { InitStep } from '@ft/agent';

export function serverLinkStep(target: string, link: string): InitStep {
  return {
    name: 'mysqld link',
    async run() {
      await mkdir(path.dirname(link), { recursive: true, mode: 0o755 });
      await rm(link, { force: true });
      await symlink(target, link);
    },
  };
}
