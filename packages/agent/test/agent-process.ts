/** The demo service's agent as a real child process: testkit's harness with the demo's variables. */
import path from 'node:path';
import { agentTestEnv, freePort, startAgentProcess, type AgentProcess } from '@ft/testkit';

export { isAlive } from '@ft/testkit';

export const DEMO_BUNDLE = path.resolve(__dirname, 'fixtures/demo/dist/agent.js');
export const SECRET = 'correct-horse-battery-staple';

export type AgentHandle = AgentProcess & { demoPort: number };

export async function demoEnv(overrides: Record<string, string | undefined> = {}): Promise<Record<string, string>> {
  return agentTestEnv({
    AGENT_STOP_GRACE_MS: '2000',
    DEMO_GREETING: 'bonjour',
    DEMO_PORT: String(await freePort()),
    DEMO_SECRET: SECRET,
    ...overrides,
  });
}

/** Starts `argv` (default: node <bundle>) with `env`. */
export function startAgent(env: Record<string, string>, argv: string[] = [process.execPath, DEMO_BUNDLE]): AgentHandle {
  return Object.assign(startAgentProcess(DEMO_BUNDLE, env, argv), { demoPort: Number(env.DEMO_PORT) });
}
