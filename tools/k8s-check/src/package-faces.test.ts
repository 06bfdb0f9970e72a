// PACKAGE_FACE and PACKAGE_EXPORTS: broken once each on a small workspace in a temp dir, then the
// real repository, which must have none.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { formatViolation } from './errors.js';
import { checkPackageExports, checkPackageImports, checkTestHelpers, importSpecifiers } from './package-faces.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const scratch: string[] = [];
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A workspace of two packages, `@x/lib` (packages/lib) and `@x/app` (services/app), plus `files`. */
function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'package-faces-'));
  scratch.push(root);
  const all: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'ws', private: true, workspaces: ['packages/*', 'services/*'] }),
    'packages/lib/package.json': JSON.stringify({ name: '@x/lib', exports: { '.': './src/index.ts', './testing': './test/support.ts' } }),
    'packages/lib/src/index.ts': 'export const one = 1;\n',
    'packages/lib/test/support.ts': "import { one } from '../src/index.js';\nexport const two = one + 1;\n",
    'services/app/package.json': JSON.stringify({ name: '@x/app', exports: { '.': './src/service.ts' } }),
    'services/app/src/service.ts': "import { one } from '@x/lib';\nexport default one;\n",
    'services/app/test/lib-support.ts': "import { two } from '@x/lib/testing';\nexport { two };\n",
    'vitest.shared.ts': 'export default {};\n',
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('importSpecifiers', () => {
  it('finds static, re-exported, dynamic and required imports with their lines', () => {
    const text = "import a from 'a';\nexport { b } from \"b\";\nconst c = await import('c');\nconst d = require('d');\nimport type { E } from 'e';\n";
    expect(importSpecifiers(text)).toEqual([
      { specifier: 'a', line: 1 },
      { specifier: 'b', line: 2 },
      { specifier: 'c', line: 3 },
      { specifier: 'd', line: 4 },
      { specifier: 'e', line: 5 },
    ]);
  });
});

describe('PACKAGE_FACE', () => {
  it('passes faces, a package reaching into itself and files outside every package', () => {
    const root = workspace({
      'services/app/test/app.test.ts': "import x from '../src/service.js';\nimport shared from '../../../vitest.shared';\nexport { x, shared };\n",
    });
    expect(checkPackageImports(root)).toEqual([]);
  });

  it.each([
    ['a package name with src/', "import { one } from '@x/lib/src/index.js';", 'packages/lib/src/index.js'],
    ['a package name with test/', "export { two } from '@x/lib/test/support.js';", 'packages/lib/test/support.js'],
    ['a relative path into src/', "import { one } from '../../../packages/lib/src/index.js';", 'packages/lib/src/index.js'],
    ['a relative path into test/', "const t = await import('../../../packages/lib/test/support.js');", 'packages/lib/test/support.js'],
    ['a relative path to a file at its root', "import { preset } from '../../../packages/lib/tsup.preset.js';", 'packages/lib/tsup.preset.js'],
  ])('fails %s', (_what, line, target) => {
    const root = workspace({ 'services/app/test/reach.test.ts': `// a comment first\n${line}\n` });
    expect(checkPackageImports(root).map(formatViolation)).toEqual([
      `PACKAGE_FACE Import/services/app/test/reach.test.ts:2: '${line.match(/'([^']+)'/)?.[1]}' goes around the face of ${target}: import what the package's exports map names (a /testing face for test helpers)`,
    ]);
  });

  it('reads no build output or installed package', () => {
    const root = workspace({
      'services/app/dist/agent.js': "require('../../../packages/lib/src/index.js');\n",
      'services/app/node_modules/y/index.js': "require('@x/lib/src/index.js');\n",
    });
    expect(checkPackageImports(root)).toEqual([]);
  });
});

describe('PACKAGE_EXPORTS', () => {
  it('fails a package without an exports map, main or types beside one, and a face pointing at no file', () => {
    const root = workspace({
      'packages/bare/package.json': JSON.stringify({ name: '@x/bare', main: 'src/index.ts' }),
      'packages/both/package.json': JSON.stringify({ name: '@x/both', types: 'src/index.ts', exports: { '.': './src/index.ts' } }),
      'packages/both/src/index.ts': 'export {};\n',
      'packages/moved/package.json': JSON.stringify({
        name: '@x/moved',
        exports: { '.': './src/index.ts', './testing': { types: './test/gone.ts', default: './test/gone.ts' } },
      }),
      'packages/moved/src/index.ts': 'export {};\n',
    });
    expect(checkPackageExports(root).map(formatViolation)).toEqual([
      'PACKAGE_EXPORTS Package/@x/bare: packages/bare/package.json has no exports map: say what other packages may import',
      'PACKAGE_EXPORTS Package/@x/bare: packages/bare/package.json has "main": the exports map is the one face',
      'PACKAGE_EXPORTS Package/@x/both: packages/both/package.json has "types": the exports map is the one face',
      'PACKAGE_EXPORTS Package/@x/moved: packages/moved/package.json exports ./test/gone.ts, which does not exist: a face follows its file when it moves',
    ]);
  });
});

describe('TEST_HELPER_IN_SRC', () => {
  it('passes tests and test/ helpers that import vitest, testkit and /testing faces', () => {
    const root = workspace({
      'services/app/src/service.test.ts': "import { it } from 'vitest';\nimport { freePort } from '@ft/testkit';\nimport { two } from '@x/lib/testing';\n",
      'services/app/test/support.ts': "import { expect } from 'vitest';\nimport { expectConfigExit } from '@ft/testkit/expect';\n",
      'packages/testkit/package.json': JSON.stringify({ name: '@ft/testkit', exports: { '.': './src/index.ts' } }),
      'packages/testkit/src/config-exit.ts': "import { expect } from 'vitest';\n",
    });
    expect(checkTestHelpers(root)).toEqual([]);
  });

  it.each([
    ["import { expect } from 'vitest';", 'vitest'],
    ["import { freePort } from '@ft/testkit';", '@ft/testkit'],
    ["export { expectConfigExit } from '@ft/testkit/expect';", '@ft/testkit/expect'],
    ["import { two } from '@x/lib/testing';", '@x/lib/testing'],
  ])('fails a module under src/ with %s', (line, specifier) => {
    const root = workspace({ 'services/app/src/checks/test-support.ts': `${line}\n` });
    expect(checkTestHelpers(root).map(formatViolation)).toEqual([
      `TEST_HELPER_IN_SRC Import/services/app/src/checks/test-support.ts:1: '${specifier}' is for tests only: a test helper lives under test/ (or behind a /testing face), out of src/`,
    ]);
  });
});

describe('the real repository', () => {
  it('gives every package an exports map, imports no other package through its src/ or test/, keeps test helpers out of src/', () => {
    expect([...checkPackageExports(REPO_ROOT), ...checkPackageImports(REPO_ROOT), ...checkTestHelpers(REPO_ROOT)].map(formatViolation)).toEqual([]);
  });
});
