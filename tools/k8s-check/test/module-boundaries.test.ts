// The module boundaries on the REAL eslint.config.mjs and the REAL nx graph (issue 15 item 5):
// @nx/enforce-module-boundaries refuses every arrow the layering forbids (a service importing
// another service, a package importing a service or a tool, a tool importing bench; tests count
// too) and lets the allowed ones through. Each case is lint text put in place of a real file of the
// importing project (ESLint's lintText), so nothing is written into the tree.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support.js';

const RULE = '@nx/enforce-module-boundaries';

/** The first source file (or test file) of a project: the case only needs a file the project owns. */
function fileOf(root: string, kind: 'source' | 'test'): string {
  const files = ['src', 'test']
    .filter((dir) => existsSync(join(REPO_ROOT, root, dir)))
    .flatMap((dir) => readdirSync(join(REPO_ROOT, root, dir), { recursive: true, encoding: 'utf8' }).map((f) => join(dir, f)))
    .filter((f) => !f.includes('fixtures') && f.endsWith('.ts') && f.endsWith('.test.ts') === (kind === 'test'))
    .sort();
  const file = files[0];
  if (file === undefined) throw new Error(`no ${kind} file in ${root}`);
  return join(REPO_ROOT, root, file);
}

interface Case {
  what: string;
  from: string;
  kind: 'source' | 'test';
  to: string;
}

const FORBIDDEN: Case[] = [
  { what: 'a service imports another service', from: 'services/nginx', kind: 'source', to: '@ft/mysql' },
  { what: "a service's test imports another service", from: 'services/wordpress', kind: 'test', to: '@ft/phpmyadmin' },
  { what: 'a package imports a service', from: 'packages/agent', kind: 'source', to: '@ft/nginx' },
  { what: 'a package imports a tool', from: 'packages/testkit', kind: 'source', to: '@ft/stack' },
  // bench exports nothing but its package.json: that is the one path of it a tool could import.
  { what: 'a tool imports bench', from: 'tools/deploy', kind: 'source', to: '@ft/bench/package.json' },
  { what: "a tool's test imports bench", from: 'tools/e2e', kind: 'test', to: '@ft/bench/package.json' },
  { what: "a service reaches into another's folder", from: 'services/nginx', kind: 'source', to: '../../mysql/src/main.js' },
];

const ALLOWED: Case[] = [
  { what: 'a service imports a package', from: 'services/nginx', kind: 'source', to: '@ft/agent' },
  { what: 'a tool imports a service', from: 'tools/stack', kind: 'source', to: '@ft/nginx' },
  { what: 'a tool imports another tool', from: 'tools/deploy', kind: 'source', to: '@ft/stack' },
  { what: 'bench imports a tool', from: 'bench', kind: 'source', to: '@ft/stack' },
];

let eslint: ESLint;

/** The boundary rule's messages for `export * from '<to>'` placed in the case's file. */
async function boundaryMessages(c: Case): Promise<string[]> {
  const [result] = await eslint.lintText(`export * from '${c.to}';\n`, { filePath: fileOf(c.from, c.kind) });
  return (result?.messages ?? []).filter((m) => m.ruleId === RULE || m.fatal).map((m) => m.message);
}

beforeAll(async () => {
  // The rule reads the graph nx caches in .nx/workspace-data (it skips itself without one): nx
  // writes it here, as `nx run-many -t lint` does before it lints.
  await promisify(execFile)(join(REPO_ROOT, 'node_modules/.bin/nx'), ['show', 'projects'], {
    cwd: REPO_ROOT,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
  });
  eslint = new ESLint({ cwd: REPO_ROOT });
}, 300_000);

describe('the module boundaries', () => {
  // The rule names a forbidden arrow by its tags, as a cycle where the reverse arrow exists (agent ->
  // nginx through nginx's dependency on agent), or as an import of an application (bench, which
  // nothing may import): either way an error.
  it.each(FORBIDDEN)(
    'refuse: $what ($to)',
    async (c) => {
      expect(await boundaryMessages(c)).toEqual([
        expect.stringMatching(/can only depend on libs tagged with|Circular dependency|cannot be imported by a relative|Imports of apps are forbidden/),
      ]);
    },
    120_000,
  );

  it.each(ALLOWED)(
    'allow: $what ($to)',
    async (c) => {
      expect(await boundaryMessages(c)).toEqual([]);
    },
    120_000,
  );
});
