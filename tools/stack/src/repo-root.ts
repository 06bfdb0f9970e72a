/** The repository root: dist/cli.js and src/cli.ts both sit three levels below it (tools/stack/<dir>/). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function repoRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
}
