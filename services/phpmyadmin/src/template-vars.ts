/** phpMyAdmin's configuration from the environment: the values its template needs, as PHP literals. */
import { createHash } from 'node:crypto';
import { phpSiteTemplateVars, phpString } from '@ft/php-site';
import type { PhpmyadminContext } from './env.js';
import { pmaPaths } from './paths.js';

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

/** Everything the templates receive: php-site's `site` and phpMyAdmin's `pma`. */
export function phpmyadminTemplateVars(ctx: PhpmyadminContext): Record<string, unknown> {
  return {
    ...phpSiteTemplateVars(ctx),
    pma: pmaTemplateVars({
      runDir: ctx.agent.AGENT_RUN_DIR,
      mysqlHost: ctx.config.MYSQL_HOST,
      mysqlPort: ctx.config.MYSQL_PORT,
      blowfishSecret: ctx.config.PMA_BLOWFISH_SECRET,
    }),
  };
}
