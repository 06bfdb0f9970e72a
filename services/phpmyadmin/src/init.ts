/**
 * The container's init steps, in order: php-site's, the rendered config readable by the workers,
 * their directories, and the hook through which phpMyAdmin reads the rendered file.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { InitStep } from '@ft/agent';
import { phpSiteInitSteps, webUserDirsStep, webUserReadableStep } from '@ft/php-site';
import type { PhpmyadminContext } from './env.js';
import { pmaPaths } from './paths.js';

export function phpmyadminInitSteps(ctx: PhpmyadminContext, templateDir: URL): InitStep[] {
  const pma = pmaPaths(ctx.agent.AGENT_RUN_DIR);
  return [
    ...phpSiteInitSteps(ctx),
    webUserReadableStep(ctx, 'phpmyadmin config readable', [pma.configFile]),
    // PHP sessions and phpMyAdmin's TempDir (twig cache, uploads).
    webUserDirsStep(ctx, 'phpmyadmin directories', [pma.sessionDir, pma.tmpDir], 0o700),
    configHookStep(new URL('config-hook.php', templateDir), ctx.platform.configHook),
  ];
}

/**
 * Puts the static hook where phpMyAdmin reads its configuration, unless it is already there with
 * the same content (so instances on one host, all with the same hook, never disturb each other).
 * Written atomically; in the image it is already in place from the Dockerfile.
 */
export function configHookStep(hookSource: string | URL, target: string): InitStep {
  return {
    name: 'phpmyadmin config hook',
    async run() {
      const wanted = await readFile(hookSource, 'utf8');
      const current = await readFile(target, 'utf8').catch(() => undefined);
      if (current === wanted) return;
      await mkdir(path.dirname(target), { recursive: true });
      const temp = `${target}.tmp-${process.pid}`;
      await writeFile(temp, wanted, { mode: 0o644 });
      await rename(temp, target);
    },
  };
}
