// vitest globalSetup: bundles the grafana stand-in fixture (its agent and the server it supervises)
// with the preset every service uses, and the agent's demo service when its bundle is missing (the
// dashboards' data test runs both).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildAgentFixtures, DEMO_BUNDLE } from '@ft/agent/testing';
import { build } from 'tsup';
import { agentBundle } from '../../../tsup.preset.js';

export default async function setup(): Promise<void> {
  const root = path.resolve(__dirname, 'fixtures/grafana-stand-in');
  const options = agentBundle({ agent: path.join(root, 'main.ts'), server: path.join(root, 'server.ts') }, path.join(root, 'dist'));
  await build({ ...options, silent: true });
  if (!existsSync(DEMO_BUNDLE)) await buildAgentFixtures();
}
