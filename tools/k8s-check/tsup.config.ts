// dist/cli.js as an ES module that imports its dependencies from node_modules: the checks run in the
// repository (the test command, a developer), never in an image, and kubernetes-models is thousands
// of generated validator files that are loaded one kind at a time.
import { readFile } from 'node:fs/promises';
import { defineConfig, type Options } from 'tsup';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * K8S_SERVICE_ENV bundles each service's definition for its env schema. In one bundle every
 * module's import.meta.url is dist/cli.js, the script node runs, so each main.ts's
 * `if (isMain(import.meta.url)) runAgent(...)` would start that agent inside the checker: here it
 * is `false`.
 */
const definitionsOnly: EsbuildPlugin = {
  name: 'service-definitions-only',
  setup(build) {
    build.onLoad({ filter: /[\\/]services[\\/][^\\/]+[\\/]src[\\/]main\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const contents = source.replace(/\bisMain\(import\.meta\.url\)/g, 'false');
      if (contents === source && /\brunAgent\(/.test(source)) {
        throw new Error(`${args.path}: no isMain(import.meta.url) guard to disable before bundling`);
      }
      return { contents, loader: 'ts' };
    });
  },
};

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
  esbuildPlugins: [definitionsOnly],
  // The agent's dependencies (pino, mysql2, ssh2) `require` node built-ins: give the ESM bundle a
  // require. ssh2's optional native helper stays out, as in the agents' bundles (pure JS fallback).
  external: ['cpu-features'],
  banner: { js: "import { createRequire as __ftCreateRequire } from 'node:module'; const require = __ftCreateRequire(import.meta.url);" },
});
