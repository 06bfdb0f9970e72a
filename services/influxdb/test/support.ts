/** Shared by the influxdb service tests: start dist/agent.js on its own ports, talk to its influxd. */
import { fileURLToPath } from 'node:url';
import { agentTestEnv, freePorts, makeTempDir, startAgentProcess, type AgentProcess } from '@ft/testkit';

export const BUNDLE = fileURLToPath(new URL('../dist/agent.js', import.meta.url));
export { DEMO_BUNDLE } from '@ft/agent/testing';

export interface Passwords {
  admin: string;
  write: string;
  read: string;
}

export interface InfluxdbUnderTest {
  agent: AgentProcess;
  env: Record<string, string>;
  url: string;
  dataDir: string;
}

export const PASSWORDS: Passwords = { admin: 'admin-pw-1234', write: "wr'ite\\pw-1234", read: 'read-pw-1234' };

/**
 * Starts the influxdb agent on a data dir (a fresh one unless given) and waits until it is ready.
 * `overrides` are added to (or, with undefined, removed from) its environment.
 */
export async function startInfluxdbService(
  options: { dataDir?: string; port?: number; overrides?: Record<string, string | undefined>; waitReady?: boolean } = {},
): Promise<InfluxdbUnderTest> {
  const dataDir = options.dataDir ?? (await makeTempDir('influxdb-data'));
  const [httpPort, rpcPort] = await freePorts(2);
  const port = options.port ?? httpPort;
  const env = await agentTestEnv({
    LISTEN_HOST: '127.0.0.1',
    INFLUXDB_DATA_DIR: dataDir,
    INFLUXDB_PORT: String(port),
    STATUS_PORT: String(rpcPort),
    INFLUXDB_ADMIN_PASSWORD: PASSWORDS.admin,
    INFLUXDB_WRITE_PASSWORD: PASSWORDS.write,
    INFLUXDB_READ_PASSWORD: PASSWORDS.read,
    ...options.overrides,
  });
  const agent = startAgentProcess(BUNDLE, env);
  if (options.waitReady !== false) await agent.waitReady(120_000);
  return { agent, env, url: `http://127.0.0.1:${port}`, dataDir };
}

export interface Answer {
  status: number;
  body: { results?: { series?: { name?: string; columns: string[]; values?: unknown[][] }[]; error?: string }[]; error?: string };
}

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** POST /query as `user` (no credentials when user is undefined). */
export async function query(url: string, user: string | undefined, password: string, q: string, db?: string): Promise<Answer> {
  const params = new URLSearchParams({ q });
  if (db) params.set('db', db);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (user !== undefined) headers['authorization'] = basic(user, password);
  const res = await fetch(`${url}/query`, { method: 'POST', headers, body: params.toString(), signal: AbortSignal.timeout(20_000) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Answer['body']) : {} };
}

/** The rows of the first series, failing loudly on any error. */
export async function rows(url: string, user: string, password: string, q: string, db?: string): Promise<unknown[][]> {
  const answer = await query(url, user, password, q, db);
  const error = answer.body.error ?? answer.body.results?.find((r) => r.error)?.error;
  if (answer.status !== 200 || error) throw new Error(`${q}: ${answer.status} ${error ?? ''}`);
  return answer.body.results?.[0]?.series?.[0]?.values ?? [];
}

/** POST /write of line protocol as `user`; resolves with the HTTP status. */
export async function write(url: string, user: string, password: string, db: string, lines: string): Promise<number> {
  const res = await fetch(`${url}/write?db=${encodeURIComponent(db)}&precision=ms`, {
    method: 'POST',
    headers: { authorization: basic(user, password) },
    body: lines,
    signal: AbortSignal.timeout(20_000),
  });
  await res.arrayBuffer();
  return res.status;
}
