/**
 * How every service's agent is bundled: one CommonJS file with every dependency inside, so an
 * image carries only `nodejs` and this file. CommonJS because several dependencies (mysql2, ssh2)
 * `require` node built-ins at run time, which an ESM bundle cannot do without shims.
 */
import type { Options } from 'tsup';

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
    // ssh2's optional native helpers: it falls back to pure JS when they are missing.
    external: ['cpu-features', /\.node$/],
    // import.meta.url (the templates' directory) keeps working in CommonJS.
    shims: true,
    splitting: false,
    sourcemap: false,
    minify: false,
    clean: true,
    dts: false,
    outExtension: () => ({ js: '.js' }),
  };
}
