// dist/cli.js as an ES module that imports its npm dependencies (listr2, yaml) from node_modules:
// the deploy tool runs in the repository (./setup.sh), never in an image.
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
  // The workspace's own packages are TypeScript sources: bundled, not imported at run time. Every
  // npm package (listr2, yaml, zod, ssh2, basic-ftp: the last two through @ft/verify) is imported
  // from node_modules as it is (ssh2 reads __dirname and loads optional native helpers).
  noExternal: [/^@ft\//],
  external: [/^(?!@ft\/|\.|\/)/],
  // @ft/stack's modules `require` node built-ins through their dependencies: give the ESM bundle a require.
  banner: { js: "import { createRequire as __ftCreateRequire } from 'node:module'; const require = __ftCreateRequire(import.meta.url);" },
});
