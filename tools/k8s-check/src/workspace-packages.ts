/**
 * The workspace's packages, as the root package.json's `workspaces` globs name them (`packages/*`,
 * `services/*`, `tools/*`, `bench`): each folder with a package.json, its name and its manifest.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface WorkspacePackage {
  /** Folder relative to the repository root, with `/`. */
  dir: string;
  name: string;
  manifest: Record<string, unknown>;
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** The folders a `workspaces` entry names: `dir/*` is every child folder, anything else one folder. */
function expand(root: string, pattern: string): string[] {
  if (!pattern.endsWith('/*')) return [pattern];
  const parent = pattern.slice(0, -2);
  if (!existsSync(join(root, parent))) return [];
  return readdirSync(join(root, parent), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => `${parent}/${e.name}`);
}

export function workspacePackages(root: string): WorkspacePackage[] {
  const workspaces = readJson(join(root, 'package.json')).workspaces;
  const patterns = Array.isArray(workspaces) ? workspaces.filter((w): w is string => typeof w === 'string') : [];
  return patterns
    .flatMap((p) => expand(root, p))
    .filter((dir) => existsSync(join(root, dir, 'package.json')))
    .sort()
    .map((dir) => {
      const manifest = readJson(join(root, dir, 'package.json'));
      return { dir, name: typeof manifest.name === 'string' ? manifest.name : dir, manifest };
    });
}

/** Folders a walk over a package's sources never enters: installs, build output, reports. */
const SKIPPED = new Set(['node_modules', 'dist', 'test-results', '.nx']);

/** Every file under `dir` (absolute) whose name matches, outside node_modules and build output. */
export function filesUnder(dir: string, match: RegExp, skip: ReadonlySet<string> = SKIPPED): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!skip.has(entry.name)) walk(join(d, entry.name));
      } else if (match.test(entry.name)) out.push(join(d, entry.name));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}
