/**
 * No runtime bundle carries vitest: an agent's dist/agent.js goes into an image, a tool's dist/
 * runs on a host, and a test helper imported by accident (through a package's index, say) would
 * load vitest there, or fail to. A bundle is every .js/.cjs/.mjs under a workspace package's
 * dist/, read after the build; test fixtures' bundles live under test/ and are not runtime.
 */
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { violation, type Violation } from './errors.js';
import { filesUnder, workspacePackages } from './workspace-packages.js';

/**
 * What shows vitest in a bundle's text, whatever the bundler's options:
 * - an import of it left external (`from "vitest"`, `require("@vitest/expect")`, `import("vitest")`);
 * - esbuild's module comments of an unminified bundle (`// ../../node_modules/vitest/dist/...`);
 * - vitest's own worker-state global, which its bundled code reads even when minified.
 */
const VITEST_MARKS: Array<{ pattern: RegExp; says: string }> = [
  { pattern: /(?:\bfrom|\bimport|\brequire\s*\()\s*\(?\s*["'](?:vitest|@vitest\/[\w.-]+)(?:\/[^"']*)?["']/, says: 'imports' },
  { pattern: /node_modules\/(?:vitest|@vitest\/[\w.-]+)\//, says: 'bundles a module of' },
  // Spelt in two pieces: written whole, this checker's own bundle would carry the mark it looks for.
  { pattern: new RegExp(['__vitest', 'worker__'].join('_')), says: 'carries the runtime state of' },
];

/** How a bundle's text shows vitest (with the matching text), or undefined when it does not. */
export function vitestIn(text: string): string | undefined {
  for (const { pattern, says } of VITEST_MARKS) {
    const match = pattern.exec(text);
    if (match) return `${says} vitest: ${match[0]}`;
  }
  return undefined;
}

export interface BundleReport {
  /** Every bundle read, relative to the root: what a caller can hold the check to. */
  bundles: string[];
  violations: Violation[];
}

/** RUNTIME_BUNDLE_VITEST over every workspace package's dist/ as it is now (build first). */
export function checkRuntimeBundles(root: string): BundleReport {
  const bundles: string[] = [];
  const violations: Violation[] = [];
  for (const pkg of workspacePackages(root)) {
    for (const file of filesUnder(join(root, pkg.dir, 'dist'), /\.[cm]?js$/, new Set(['node_modules']))) {
      const name = relative(root, file).split(sep).join('/');
      bundles.push(name);
      const found = vitestIn(readFileSync(file, 'utf8'));
      if (found)
        violations.push(
          violation('RUNTIME_BUNDLE_VITEST', 'Bundle', name, `${found} (a test helper reached runtime code: import it from a /testing face, in tests only)`),
        );
    }
  }
  return { bundles, violations };
}
