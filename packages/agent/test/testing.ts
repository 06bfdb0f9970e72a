/**
 * `@ft/agent/testing`: what other packages' tests use of the agent's own fixtures, the demo service
 * bundled as an image carries it (a service's tests run it as a stand-in dependency).
 */
import { fileURLToPath } from 'node:url';

export { default as buildAgentFixtures } from './build-fixtures.js';

/** The demo service's bundle; `nx build @ft/agent` (or buildAgentFixtures) writes it. */
export const DEMO_BUNDLE = fileURLToPath(new URL('./fixtures/demo/dist/agent.js', import.meta.url));
