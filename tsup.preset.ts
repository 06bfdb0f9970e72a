/**
 * How the workspace's TypeScript is bundled, in one place for every tsup build:
 * - agentBundle: a service's agent (and tools/stack, the agent's demo service, the bench fixtures
 *   that stand for an agent): one CommonJS file with every dependency inside, so an image carries
 *   only `nodejs` and this file. CommonJS because several dependencies (mysql2, ssh2) `require`
 *   node built-ins at run time, which an ESM bundle cannot do without shims.
 * - repoCliBundle: a command that only ever runs in the repository (tools/deploy, tools/k8s-check,
 *   bench): the workspace's own packages bundled in, every npm package imported from node_modules.
 * The default export is the build every service gets (tools/nx-plugin runs
 * `tsup --config ../../tsup.preset.ts` in the service's folder): src/main.ts into dist/agent.js.
 */
import path from 'node:path';
import { defineConfig, type Options } from 'tsup';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * `z.locales`: zod's error messages in 40-odd languages, a third of an agent's bundle (297 KB of
 * 906 KB for influxdb's) and so of the source V8 keeps in memory. Nothing reads it: zod itself
 * imports English directly, and config errors are reported in English. The namespace keeps `en`.
 */
const zodEnglishOnly: EsbuildPlugin = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /zod[\\/]v4[\\/]classic[\\/]external\.js$/.test(args.importer)
        ? { path: path.join(path.dirname(args.importer), '../locales/en.js'), namespace: 'zod-english-only' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

export function agentBundle(entry: Record<string, string>, outDir = 'dist'): Options {
  return {
    entry,
    outDir,
    format: ['cjs'],
    platform: 'node',
    // Node 20 on the build machines, Alpine's node 24 in the images.
    target: 'node20',
    bundle: true,
    noExternal: [/.*/],
    // ssh2's optional native helpers land beside the bundle as *.node files, built for this host's
    // libc. The images copy agent.js alone: ssh2 catches the failed require and uses pure JS.
    external: ['cpu-features'],
    // import.meta.url (the templates' directory) keeps working in CommonJS.
    shims: true,
    splitting: false,
    sourcemap: false,
    // Whitespace and syntax only: identifiers keep their names, so stack traces in the logs still
    // read `InfluxWriter.flush`. V8 keeps a script's whole source in memory, and one non-ASCII
    // character makes it a two-byte string: ASCII output (escapes instead) and no whitespace took
    // the nginx bundle from 5.1 MB (10 MB of heap) to 2.6 MB (2.6 MB of heap).
    minify: false,
    esbuildPlugins: [zodEnglishOnly],
    esbuildOptions(options) {
      options.charset = 'ascii';
      options.minifyWhitespace = true;
      options.minifySyntax = true;
    },
    clean: true,
    dts: false,
    outExtension: () => ({ js: '.js' }),
  };
}

/**
 * A CLI that runs in the repository, never in an image: one ES module bundle. The workspace packages
 * (@ft/*) ship TypeScript sources, so they are bundled in; every npm package stays an import from
 * node_modules as it is: bundled, CommonJS packages that `require("fs")` fail inside an ES module,
 * ssh2 reads __dirname and loads optional native helpers, and kubernetes-models is thousands of
 * generated validator files loaded one kind at a time.
 */
export function repoCliBundle(entry: Record<string, string>): Options {
  return {
    entry,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    bundle: true,
    noExternal: [/^@ft\//],
    external: [/^(?!@ft\/|\.|\/)/],
    // Bundled workspace modules `require` node built-ins through their dependencies: give the ES
    // module a require.
    banner: { js: "import { createRequire as __ftCreateRequire } from 'node:module'; const require = __ftCreateRequire(import.meta.url);" },
    splitting: false,
    sourcemap: false,
    clean: true,
    dts: false,
    outExtension: () => ({ js: '.js' }),
  };
}

/** A service's build: the agent from src/main.ts, one self-contained dist/agent.js (the image carries it and conf/). */
export default defineConfig(agentBundle({ agent: 'src/main.ts' }));
