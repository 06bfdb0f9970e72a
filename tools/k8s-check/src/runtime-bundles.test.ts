// RUNTIME_BUNDLE_VITEST: real bundles built here with esbuild (what tsup runs), with and without
// vitest, then the repository's own bundles as the build left them.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { formatViolation } from './errors.js';
import { checkRuntimeBundles, vitestIn } from './runtime-bundles.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'runtime-bundles-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Bundles `source` as the agents are (CommonJS, everything inside) or as the tools are (ESM, npm packages external). */
async function bundle(source: string, style: 'agent' | 'tool', minify: boolean): Promise<string> {
  const entry = join(scratch, `entry-${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(entry, source);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'node',
    target: 'node20',
    format: style === 'agent' ? 'cjs' : 'esm',
    ...(style === 'tool' ? { packages: 'external' as const } : {}),
    minifyWhitespace: minify,
    minifySyntax: minify,
    // vitest as the workspace installs it, the entry being in a temp dir.
    nodePaths: [join(REPO_ROOT, 'node_modules')],
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

const HELPER =
  "import { expect } from 'vitest';\nexport function check(n: number): number { expect(n).toBeGreaterThan(0); return n; }\nconsole.log(check(1));\n";
const CLEAN = "import { createHash } from 'node:crypto';\nconsole.log(createHash('sha256').update('vitest').digest('hex'));\n";

describe('vitestIn', () => {
  it.each([
    ['agent', true],
    ['agent', false],
    ['tool', true],
    ['tool', false],
  ] as const)('finds vitest in a %s bundle (minified: %s) and nothing in one without it', { timeout: 60_000 }, async (style, minify) => {
    expect(vitestIn(await bundle(HELPER, style, minify))).toMatch(/vitest/);
    expect(vitestIn(await bundle(CLEAN, style, minify))).toBeUndefined();
  });
});

describe('RUNTIME_BUNDLE_VITEST', () => {
  it("fails a package's dist/ that imports vitest, and reads no test fixture's bundle", () => {
    const root = mkdtempSync(join(scratch, 'workspace-'));
    try {
      const files: Record<string, string> = {
        'package.json': JSON.stringify({ name: 'ws', private: true, workspaces: ['tools/*'] }),
        'tools/cli/package.json': JSON.stringify({ name: '@x/cli', exports: { './package.json': './package.json' } }),
        'tools/cli/dist/cli.js': 'import { expect } from "vitest";\nexpect(1).toBe(1);\n',
        'tools/cli/test/fixtures/demo/dist/agent.js': 'import { expect } from "vitest";\n',
      };
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(join(root, path, '..'), { recursive: true });
        writeFileSync(join(root, path), text);
      }
      const report = checkRuntimeBundles(root);
      expect(report.bundles).toEqual(['tools/cli/dist/cli.js']);
      expect(report.violations.map(formatViolation)).toEqual([
        'RUNTIME_BUNDLE_VITEST Bundle/tools/cli/dist/cli.js: imports vitest: from "vitest" (a test helper reached runtime code: import it from a /testing face, in tests only)',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the real repository', () => {
  it("carries vitest in none of its bundles: the seven agents and the tools' CLIs", () => {
    const report = checkRuntimeBundles(REPO_ROOT);
    // Built before this test runs (nx: the tools' builds depend on every service's): an empty list would prove nothing.
    for (const service of ['ftps', 'grafana', 'influxdb', 'mysql', 'nginx', 'phpmyadmin', 'wordpress'])
      expect(report.bundles).toContain(`services/${service}/dist/agent.js`);
    for (const tool of ['deploy', 'k8s-check', 'stack']) expect(report.bundles).toContain(`tools/${tool}/dist/cli.js`);
    expect(report.violations.map(formatViolation)).toEqual([]);
  });
});
