// dist/cli.js as an ES module that imports its dependencies from node_modules: the checks run in the
// repository (the test command, a developer), never in an image, and kubernetes-models is thousands
// of generated validator files that are loaded one kind at a time.
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { cli: 'src/cli.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  bundle: true,
  splitting: false,
  sourcemap: false,
  clean: true,
  dts: false,
  outExtension: () => ({ js: '.js' }),
  // The agent's dependencies (pino, mysql2, ssh2) `require` node built-ins: give the ESM bundle a
  // require. ssh2's optional native helper stays out, as in the agents' bundles (pure JS fallback).
  external: ['cpu-features'],
  banner: { js: "import { createRequire as __ftCreateRequire } from 'node:module'; const require = __ftCreateRequire(import.meta.url);" },
});
