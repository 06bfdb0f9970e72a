// @ts-check
/**
 * The workspace's one preset for nx targets: every project (a package.json under packages/,
 * services/, tools/ or bench/) gets its targets and its module-boundary tag from where it sits and
 * which files it has, instead of a copied project.json each. A project.json is left only where a
 * project really differs (extra dependencies between tasks, another build command), and it says why.
 *
 * Plain JavaScript (checked by tsc through `@ts-check`): nx loads local plugins before anything is
 * built, and on Node 20 a TypeScript plugin would need swc-node or ts-node only for this file.
 * What each target runs, caches and depends on is listed in README.md beside this file.
 */
const fs = require('node:fs');
const path = require('node:path');

/** @typedef {import('nx/src/config/workspace-json-project-json').TargetConfiguration} TargetConfiguration */
/** @typedef {import('nx/src/project-graph/plugins/public-api').CreateNodesV2} CreateNodesV2 */
/** @typedef {import('nx/src/project-graph/plugins/public-api').CreateNodesResult} CreateNodesResult */

/** The folder a project sits in names its kind; enforce-module-boundaries reads these tags. */
const KIND_BY_FOLDER = /** @type {const} */ ({ packages: 'package', services: 'service', tools: 'tool', bench: 'bench' });

/** A project root: one folder below packages/, services/ or tools/, or bench/ itself. */
const PROJECT_ROOT = /^(?:(packages|services|tools)\/[^/]+|(bench))$/;

/**
 * The kind of project at a root, or undefined when the root is no project of this workspace
 * (a test fixture's package.json, say).
 * @param {string} root
 * @returns {'package' | 'service' | 'tool' | 'bench' | undefined}
 */
function projectKind(root) {
  const match = PROJECT_ROOT.exec(root);
  if (!match) return undefined;
  const folder = /** @type {keyof typeof KIND_BY_FOLDER} */ (match[1] ?? match[2]);
  return KIND_BY_FOLDER[folder];
}

/**
 * The targets a project gets from what it holds.
 * @param {string} root the project's folder, relative to the workspace root
 * @param {string} workspaceRoot
 * @returns {Record<string, TargetConfiguration>}
 */
function inferTargets(root, workspaceRoot) {
  const kind = projectKind(root);
  const has = (/** @type {string} */ file) => fs.existsSync(path.join(workspaceRoot, root, file));
  // Commands run in the project's folder, so `eslint .`, `tsc -p tsconfig.json` and vitest's
  // include patterns mean this project only.
  const inProject = { cwd: '{projectRoot}' };
  const toRoot = path.posix.relative(root, '') || '.';

  /** @type {Record<string, TargetConfiguration>} */
  const targets = {};
  // `eslint .` finds the root eslint.config.mjs itself; typed rules read the project's tsconfig.json.
  targets.lint = { command: 'eslint .', options: inProject };
  if (has('tsconfig.json')) targets.typecheck = { command: 'tsc -p tsconfig.json', options: inProject };
  // A service's agent is built by the root tsup.preset.ts's default export (src/main.ts into
  // dist/agent.js); any other project that bundles says how in its own tsup.config.ts.
  const bundles = has('tsup.config.ts') || kind === 'service';
  if (bundles) {
    const command = has('tsup.config.ts') ? 'tsup' : `tsup --config ${toRoot}/tsup.preset.ts`;
    targets.build = { command, options: inProject };
  }
  // vitest finds the project's own vitest.config.ts, else the root one (it looks upward).
  // The tests of a project that bundles run its bundle (an agent, a CLI): build it first.
  targets.test = { command: 'vitest run', options: inProject, ...(bundles ? { dependsOn: ['build'] } : {}) };
  if (kind === 'service' && has('Dockerfile')) {
    targets['docker-build'] = {
      command: `bash tools/docker-build.sh ${path.posix.basename(root)}`,
      dependsOn: ['build'],
      inputs: ['production', '^production', '{workspaceRoot}/tools/alpine-release'],
      cache: false,
    };
  }
  return targets;
}

/** @type {CreateNodesV2} */
const createNodesV2 = [
  '**/package.json',
  (files, _options, context) =>
    files.flatMap((file) => {
      const root = path.posix.dirname(file);
      const kind = projectKind(root);
      if (!kind) return [];
      const project = {
        tags: [`type:${kind}`],
        // What `nx show projects --type` reads. A library wherever another project may import it:
        // @nx/enforce-module-boundaries refuses every import of an application, whatever the tags
        // allow, and tools import the services' declarations and tools/stack. Nothing imports bench.
        projectType: kind === 'bench' ? /** @type {const} */ ('application') : /** @type {const} */ ('library'),
        targets: inferTargets(root, context.workspaceRoot),
      };
      /** @type {CreateNodesResult} */
      const result = { projects: { [root]: project } };
      return [/** @type {const} */ ([file, result])];
    }),
];

module.exports = { name: 'ft-nx-plugin', createNodesV2, projectKind, inferTargets };
