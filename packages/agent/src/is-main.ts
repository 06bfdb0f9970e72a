/**
 * True when the module at `metaUrl` is the program node was started with: a service's main.ts runs
 * its agent when it is the bundle (`node /agent.js`), not when a test imports its definition.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function isMain(metaUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(fileURLToPath(metaUrl)) === realpathSync(script);
  } catch {
    return false;
  }
}
