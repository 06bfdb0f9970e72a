// vitest globalSetup: bundles the demo service (tsup.config.ts, the preset every service uses), so
// the tests run the very kind of file an image carries, also when vitest runs without nx.
import path from 'node:path';
import { build } from 'tsup';
import config from '../tsup.config.js';

export default async function setup(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const options = Array.isArray(config) ? config[0] : config;
  if (!options || typeof options === 'function') throw new Error('tsup.config.ts must export one options object');
  const entry = Object.fromEntries(Object.entries(options.entry as Record<string, string>).map(([k, v]) => [k, path.join(root, v)]));
  await build({ ...options, entry, outDir: path.join(root, options.outDir ?? 'dist'), silent: true });
}
