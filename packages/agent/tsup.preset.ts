/**
 * How every service's agent is bundled: one CommonJS file with every dependency inside, so an
 * image carries only `nodejs` and this file. CommonJS because several dependencies (mysql2, ssh2)
 * `require` node built-ins at run time, which an ESM bundle cannot do without shims.
 */
import path from 'node:path';
import type { Options } from 'tsup';

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
