// dist/run.js: one ES module bundle. The workspace packages (@ft/*) ship TypeScript sources, so
// they are bundled in; third-party dependencies stay in node_modules (the suite runs in the
// repository, never in an image).
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { run: 'src/run.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  bundle: true,
  noExternal: [/^@ft\//],
  // Every other bare import stays external, also those only a workspace package names (basic-ftp
  // through @ft/verify): bundled, their CommonJS `require("fs")` fails inside an ES module.
  external: [/^(?!@ft\/)[^./]/],
  splitting: false,
  sourcemap: false,
  clean: true,
  dts: false,
  outExtension: () => ({ js: '.js' }),
});
