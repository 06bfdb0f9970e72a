/**
 * Every package is used through its face: the `exports` map of its package.json. A relative path
 * into another package (`../../packages/php-site/test/...`) or its name with `src/` or `test/`
 * (`@ft/agent/src/...`)
 * ties the importer to a file layout the owner may change, and lets test helpers slip into a
 * runtime bundle; the face names what is meant to be used, and TypeScript, vite and esbuild refuse
 * any other subpath of a package that has one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { violation, type Violation } from './errors.js';
import { filesUnder, workspacePackages, type WorkspacePackage } from './workspace-packages.js';

const SOURCE = /\.(?:[cm]?ts|[cm]?js)$/;
/** The folders no other package may reach into. */
const PRIVATE = new Set(['src', 'test']);

/** What an import names, with its line (1-based): import/export from, import(), require(). */
export function importSpecifiers(text: string): Array<{ specifier: string; line: number }> {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles.map((f) => ({ specifier: f.fileName, line: text.slice(0, f.pos).split('\n').length }));
}

function firstSegment(path: string): string {
  return path.split('/')[0] ?? '';
}

/** The package whose folder holds `absolute`, and the path inside it (with `/`). */
function ownerOf(root: string, packages: WorkspacePackage[], absolute: string): { pkg: WorkspacePackage; inside: string } | undefined {
  const rel = relative(root, absolute).split(sep).join('/');
  const pkg = packages.find((p) => rel === p.dir || rel.startsWith(`${p.dir}/`));
  return pkg && { pkg, inside: rel.slice(pkg.dir.length + 1) };
}

/**
 * Where an import lands when it goes around another package's face: `<package dir>/<path>`. A
 * relative path into another package's folder, whatever it names (the exports map never applies to
 * one); the package's name with a subpath in its src/ or test/.
 */
function privateTarget(root: string, packages: WorkspacePackage[], from: WorkspacePackage, file: string, specifier: string): string | undefined {
  if (specifier.startsWith('.')) {
    const target = ownerOf(root, packages, resolve(dirname(file), specifier));
    if (!target || target.pkg === from) return undefined;
    return `${target.pkg.dir}/${target.inside}`;
  }
  // A bare specifier: a workspace package's name, then a subpath its exports map would have to name.
  const pkg = packages.find((p) => specifier.startsWith(`${p.name}/`));
  if (!pkg) return undefined;
  const subpath = specifier.slice(pkg.name.length + 1);
  return PRIVATE.has(firstSegment(subpath)) ? `${pkg.dir}/${subpath}` : undefined;
}

/** PACKAGE_FACE: no source file imports another package by a relative path, or its src/ or test/ by its name. */
export function checkPackageImports(root: string): Violation[] {
  const packages = workspacePackages(root);
  const out: Violation[] = [];
  for (const pkg of packages) {
    for (const file of filesUnder(join(root, pkg.dir), SOURCE)) {
      const name = relative(root, file).split(sep).join('/');
      for (const { specifier, line } of importSpecifiers(readFileSync(file, 'utf8'))) {
        const target = privateTarget(root, packages, pkg, file, specifier);
        if (target) {
          out.push(
            violation(
              'PACKAGE_FACE',
              'Import',
              `${name}:${line}`,
              `'${specifier}' goes around the face of ${target}: import what the package's exports map names (a /testing face for test helpers)`,
            ),
          );
        }
      }
    }
  }
  return out;
}

/**
 * What only tests may import: vitest, testkit's real servers and assertions, and any package's
 * /testing face. Exempt: testkit itself (its src/ is the test library), and bench, whose benchmarks
 * drive testkit's servers and clients as their workload (RUNTIME_BUNDLE_VITEST keeps vitest out of
 * its bundle).
 */
const TEST_ONLY = /^(?:vitest|@vitest\/.*|@ft\/testkit(?:\/.*)?|(?:@[\w-]+\/)?[\w-]+\/testing)$/;
const TEST_LIBRARIES = new Set(['@ft/testkit', '@ft/bench']);

/** TEST_HELPER_IN_SRC: no module under a package's src/ but its tests imports what only tests may. */
export function checkTestHelpers(root: string): Violation[] {
  const out: Violation[] = [];
  for (const pkg of workspacePackages(root).filter((p) => !TEST_LIBRARIES.has(p.name))) {
    for (const file of filesUnder(join(root, pkg.dir, 'src'), SOURCE).filter((f) => !/\.test\.[cm]?[jt]s$/.test(f))) {
      const name = relative(root, file).split(sep).join('/');
      for (const { specifier, line } of importSpecifiers(readFileSync(file, 'utf8'))) {
        if (TEST_ONLY.test(specifier)) {
          out.push(
            violation(
              'TEST_HELPER_IN_SRC',
              'Import',
              `${name}:${line}`,
              `'${specifier}' is for tests only: a test helper lives under test/ (or behind a /testing face), out of src/`,
            ),
          );
        }
      }
    }
  }
  return out;
}

/** Every file path an exports map points at (its values, and those of its condition objects). */
function exportTargets(exports: unknown): string[] {
  if (typeof exports === 'string') return [exports];
  if (typeof exports !== 'object' || exports === null) return [];
  return Object.values(exports).flatMap(exportTargets);
}

/** PACKAGE_EXPORTS: every workspace package has an exports map pointing at files that exist, and no main/types beside it. */
export function checkPackageExports(root: string): Violation[] {
  return workspacePackages(root).flatMap((pkg) => {
    const { exports } = pkg.manifest;
    const out: Violation[] = [];
    if (typeof exports !== 'object' || exports === null || Array.isArray(exports)) {
      out.push(violation('PACKAGE_EXPORTS', 'Package', pkg.name, `${pkg.dir}/package.json has no exports map: say what other packages may import`));
    }
    for (const target of [...new Set(exportTargets(exports))].filter((t) => !existsSync(join(root, pkg.dir, t)))) {
      out.push(
        violation(
          'PACKAGE_EXPORTS',
          'Package',
          pkg.name,
          `${pkg.dir}/package.json exports ${target}, which does not exist: a face follows its file when it moves`,
        ),
      );
    }
    for (const field of ['main', 'types'].filter((f) => f in pkg.manifest)) {
      out.push(violation('PACKAGE_EXPORTS', 'Package', pkg.name, `${pkg.dir}/package.json has "${field}": the exports map is the one face`));
    }
    return out;
  });
}
