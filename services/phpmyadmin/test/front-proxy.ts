/**
 * The nginx service itself (its bundle, services/nginx/dist/agent.js) as the `/phpmyadmin/` front:
 * TLS in front, https upstream to this agent's port. What the two services agree on is tested here
 * with both real agents, not with a stand-in config.
 */
import { fileURLToPath } from 'node:url';
import { agentTestEnv, freePorts, removeDir, startAgentProcess } from '@ft/testkit';

const NGINX_BUNDLE = fileURLToPath(new URL('../../nginx/dist/agent.js', import.meta.url));

export interface FrontProxy {
  port: number;
  stop(): Promise<void>;
}

export async function startFrontProxy(upstreamPort: number): Promise<FrontProxy> {
  const [http, https, ssh, status] = (await freePorts(4)) as [number, number, number, number];
  const env = await agentTestEnv({
    LISTEN_HOST: '127.0.0.1',
    EXTERNAL_HOST: '127.0.0.1',
    HTTP_PORT: String(http),
    HTTPS_PORT: String(https),
    SSH_PORT: String(ssh),
    STATUS_PORT: String(status),
    SSH_USER: 'fttestpmafront',
    SSH_PASSWORD: 'pma-front-password',
    PHPMYADMIN_UPSTREAM: `https://127.0.0.1:${upstreamPort}`,
  });
  const agent = startAgentProcess(NGINX_BUNDLE, env);
  try {
    await agent.waitReady(90_000);
  } catch (err) {
    await agent.stop();
    throw err;
  }
  return {
    port: https,
    async stop() {
      await agent.stop();
      await removeDir(env.AGENT_RUN_DIR ?? '');
    },
  };
}
