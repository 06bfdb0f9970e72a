/**
 * True when the module at `metaUrl` is the program node was started with: a tool's CLI module
 * (tools/stack, tools/deploy) runs its command then, not when a test imports it.
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
