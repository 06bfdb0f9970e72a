/** Shared by the nginx service tests: the agent on free ports, a raw HTTP(S) client, an SSH client (@ft/verify's). */
import { fileURLToPath } from 'node:url';
import { Client, type ConnectConfig } from 'ssh2';
import { agentTestEnv, freePorts, removeDir, startAgentProcess, type AgentProcess } from '@ft/testkit';

export const BUNDLE = fileURLToPath(new URL('../dist/agent.js', import.meta.url));

export interface NginxAgent {
  agent: AgentProcess;
  env: Record<string, string>;
  ports: { http: number; https: number; ssh: number; status: number };
  /** SIGTERM, await the exit, remove the run dir. */
  stop(): Promise<void>;
}

/** Starts dist/agent.js on free loopback ports; `overrides` adds or (with undefined) removes variables. */
export async function startNginxAgent(overrides: Record<string, string | undefined>): Promise<NginxAgent> {
  const [httpPort, httpsPort, sshPort, statusPort] = (await freePorts(4)) as [number, number, number, number];
  const env = await agentTestEnv({
    LISTEN_HOST: '127.0.0.1',
    HTTP_PORT: String(httpPort),
    HTTPS_PORT: String(httpsPort),
    SSH_PORT: String(sshPort),
    STATUS_PORT: String(statusPort),
    AGENT_POD_NAME: 'nginx-test',
    ...overrides,
  });
  const agent = startAgentProcess(BUNDLE, env);
  return {
    agent,
    env,
    ports: { http: httpPort, https: httpsPort, ssh: sshPort, status: statusPort },
    async stop() {
      await agent.stop();
      await removeDir(env.AGENT_RUN_DIR ?? '');
    },
  };
}

// The clients are @ft/verify's, the library `setup.sh verify` runs against a deployment.
export { request, sshExec, sshLoginOutcome, type RawResponse, type SshResult } from '@ft/verify';

/** Opens a session and keeps it (a shell that waits), for the sessions collector; call close() after. */
export function sshHold(config: ConnectConfig): Promise<{ close(): void }> {
  return new Promise((resolve, reject) => {
    const conn = new Client();
    conn.on('error', reject);
    conn.on('ready', () => {
      conn.exec('sleep 120', (err) => {
        if (err) reject(err);
        else resolve({ close: () => conn.end() });
      });
    });
    conn.connect({ host: '127.0.0.1', readyTimeout: 20_000, hostVerifier: () => true, tryKeyboard: false, ...config });
  });
}
