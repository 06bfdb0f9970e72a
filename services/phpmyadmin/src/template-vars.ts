/**
 * phpMyAdmin's configuration from the environment: the values its template needs (as PHP
 * literals), where the directories its workers write live, and the hook through which phpMyAdmin
 * reads the rendered file.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { InitStep } from '@ft/agent';
import { phpString } from '@ft/php-site';

export interface PmaPaths {
  /** The rendered config.inc.php (secret: the agent's, 0640, group the web user's). */
  configFile: string;
  /** PHP sessions and phpMyAdmin's TempDir (twig cache, uploads): written by the workers. */
  sessionDir: string;
  tmpDir: string;
}

export function pmaPaths(runDir: string): PmaPaths {
  const dir = path.join(runDir, 'phpmyadmin');
  return { configFile: path.join(dir, 'config.inc.php'), sessionDir: path.join(dir, 'sessions'), tmpDir: path.join(dir, 'tmp') };
}

/**
 * phpMyAdmin's cookie encryption wants exactly 32 bytes (sodium's secretbox key); a longer secret is
 * cut with a warning on every page, a shorter one replaced per session. SHA-256 of the secret is 32
 * bytes and keeps all of its entropy.
 */
export function blowfishKeyHex(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export interface PmaTemplateInput {
  runDir: string;
  mysqlHost: string;
  mysqlPort: number;
  blowfishSecret: string;
}

/** `pma` for the templates. */
export function pmaTemplateVars(input: PmaTemplateInput): Record<string, string> {
  const paths = pmaPaths(input.runDir);
  return {
    ...paths,
    tmpDirPhp: phpString(`${paths.tmpDir}/`),
    host: phpString(input.mysqlHost),
    port: phpString(String(input.mysqlPort)),
    blowfishHex: blowfishKeyHex(input.blowfishSecret),
  };
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
