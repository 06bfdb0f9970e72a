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
    // ssh2's optional native helpers land beside the bundle as *.node files, built for this host's
    // libc. The images copy agent.js alone: ssh2 catches the failed require and uses pure JS.
    external: ['cpu-features'],
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
