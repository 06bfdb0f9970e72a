// vitest globalSetup: bundles the demo service with the same preset as every service, so the
// tests run the very file an image would carry.
import path from 'node:path';
import { build } from 'tsup';
import { agentBundle } from '../tsup.preset.js';

export default async function setup(): Promise<void> {
  const root = path.resolve(__dirname, 'fixtures/demo');
  await build({ ...agentBundle({ agent: path.join(root, 'main.ts') }, path.join(root, 'dist')), silent: true });
}
