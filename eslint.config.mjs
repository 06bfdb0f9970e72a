// One ESLint config for the whole repository (flat config). Every project's `lint` target runs
// `eslint .` in its own folder; ESLint finds this file by walking up from the linted files.
// Rules switched off or relaxed below each say why; everything else is typescript-eslint's
// recommendedTypeChecked (rules that use the type checker) plus ESLint's own recommended set.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier/flat';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The module boundaries (issue 15): bench -> tools -> services -> packages, no arrow back up.
 * Each project has exactly one `type:` tag, given from its folder (packages/, services/, tools/, bench).
 * A project without a tag may import no other project, so a new folder cannot slip past these rules.
 */
const depConstraints = [
  // Shared code depends on shared code only: never on a service, a tool or the benchmarks.
  { sourceTag: 'type:package', onlyDependOnLibsWithTags: ['type:package'] },
  // A service may import packages, never another service (what two services share belongs in a package).
  { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:package'] },
  // Tools drive services (their declarations) and each other, never the benchmarks.
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:package', 'type:service', 'type:tool'] },
  { sourceTag: 'type:bench', onlyDependOnLibsWithTags: ['type:package', 'type:service', 'type:tool', 'type:bench'] },
];

const ROOT_PRESET_IMPORTS = ['..', '../..', '../../..', '../../../..'].flatMap((up) => [`${up}/tsup.preset.js`, `${up}/vitest.config`]);

export default defineConfig(
  {
    // Build output, reports and data written by tools; .gitignore'd folders are listed again here
    // because ESLint does not read .gitignore.
    ignores: ['**/dist/**', '**/node_modules/**', '**/test-results/**', '**/coverage/**', '.nx/**', 'state/**'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // Each file is checked with the program of its project's tsconfig.json (the nearest one up).
        projectService: {
          // Root-level files that belong to no project's tsconfig.json.
          allowDefaultProject: ['*.mjs', '*.ts', 'tools/*.mjs'],
          defaultProject: 'tsconfig.base.json',
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          // Tests count too: a test reaching into another service is the same arrow back.
          depConstraints,
          // @ft/testkit (the test servers) builds on @ft/agent and @ft/verify, whose own tests use
          // it: a loop through test files only, never through a runtime bundle.
          ignoredCircularDependencies: [
            ['@ft/agent', '@ft/testkit'],
            ['@ft/verify', '@ft/testkit'],
          ],
          // The root's shared presets (tsup.preset.ts, vitest.config.ts) belong to no project; the
          // projects' own configs extend them by a relative path, from one to four folders down.
          allow: ROOT_PRESET_IMPORTS,
        },
      ],
      // `_`-prefixed names are the house way to say "deliberately unused" (a parameter kept for its
      // position, a destructured field left out of a rest object).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Off: an `async` function without `await` is how this code implements a Promise-returning
      // contract (collectors, init steps, test doubles); `async` also turns a synchronous throw into
      // a rejection, which is what the callers handle.
      '@typescript-eslint/require-await': 'off',
      // Passing on a caught value as it came (typed unknown) is fine; rejecting with a made-up
      // non-Error is not.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },
  {
    files: ['**/*.test.ts'],
    rules: {
      // Off in tests: vitest types its asymmetric matchers (expect.stringContaining(), expect.any())
      // as `any` by design, so every `toMatchObject({ message: expect.stringContaining(...) })` trips it.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    // Plain JavaScript files have no types for the typed rules to read.
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    // They run under Node.js (tools/test-summary.mjs, this file).
    languageOptions: { globals: globals.node },
  },
  {
    // nx loads local plugins with require(): tools/nx-plugin is CommonJS on purpose (its README).
    files: ['tools/nx-plugin/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Last: switches off the rules that only concern layout, which Prettier owns.
  prettier,
);
