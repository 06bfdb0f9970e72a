/** Shared by the nginx service tests: the agent on free ports, a raw HTTP(S) client, an SSH client. */
import http from 'node:http';
import https from 'node:https';
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

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request, redirects not followed, any certificate accepted. `path` is sent exactly as given. */
export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; path?: string } = {},
): Promise<RawResponse> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      {
        host: target.hostname,
        port: target.port,
        path: options.path ?? `${target.pathname}${target.search}`,
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: false,
        rejectUnauthorized: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.setTimeout(20_000, () => req.destroy(new Error(`timeout on ${url}`)));
    req.end(options.body);
  });
}

export interface SshResult {
  code: number | null;
  stdout: string;
}

/** Logs in and runs `command`; rejects with ssh2's error (level 'client-authentication' when refused). */
export function sshExec(config: ConnectConfig, command: string): Promise<SshResult> {
  return new Promise((resolve, reject) => {
    const conn = new Client();
    conn.on('error', reject);
    conn.on('ready', () => {
      conn.exec(command, (err, stream) => {
        if (err) {
          conn.end();
          reject(err);
          return;
        }
        let stdout = '';
        let code: number | null = null;
        stream.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
        stream.stderr.on('data', () => undefined);
        stream.on('exit', (c: number | null) => (code = c));
        stream.on('close', () => {
          conn.end();
          resolve({ code, stdout });
        });
      });
    });
    conn.connect({ host: '127.0.0.1', readyTimeout: 20_000, hostVerifier: () => true, tryKeyboard: false, ...config });
  });
}

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

/** How an ssh2 login failed: 'refused' when the server said no to the credentials. */
export async function sshLoginOutcome(config: ConnectConfig): Promise<'ok' | 'refused' | string> {
  try {
    await sshExec(config, 'true');
    return 'ok';
  } catch (err) {
    const e = err as Error & { level?: string };
    return e.level === 'client-authentication' ? 'refused' : `error: ${e.message}`;
  }
}
