/** What the ftps service tests share: the bundle, an environment on free ports, FTP clients. */
import { createHash, randomBytes } from 'node:crypto';
import { chmod, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from 'basic-ftp';
import { agentTestEnv, freePort, freePortRange, makeTempDir, removeDir, run } from '@ft/testkit';

export const BUNDLE = fileURLToPath(new URL('../dist/agent.js', import.meta.url));

export interface FtpsTestEnv {
  env: Record<string, string>;
  user: string;
  password: string;
  port: number;
  pasv: { min: number; max: number };
  dataDir: string;
  /** Removes the data and run directories (after the agent has stopped). */
  cleanup(): Promise<void>;
}

/**
 * An agent environment on free loopback ports with its own data dir. EXTERNAL_HOST is 127.0.0.2,
 * not the address clients connect to, so a test can tell the advertised address came from it.
 */
export async function ftpsTestEnv(user: string, overrides: Record<string, string | undefined> = {}): Promise<FtpsTestEnv> {
  const password = randomBytes(12).toString('hex');
  const port = await freePort();
  const pasv = await freePortRange(4, '127.0.0.1');
  const root = await makeTempDir('ftps-data');
  // The FTP user's sessions must traverse to their root.
  await chmod(root, 0o755);
  const dataDir = path.join(root, 'files');
  const env = await agentTestEnv({
    FTP_USER: user,
    FTP_PASSWORD: password,
    FTP_DATA_DIR: dataDir,
    FTP_PORT: String(port),
    FTP_PASV_MIN_PORT: String(pasv.min),
    FTP_PASV_MAX_PORT: String(pasv.max),
    EXTERNAL_HOST: '127.0.0.2',
    LISTEN_HOST: '127.0.0.1',
    ...overrides,
  });
  const runDir = env.AGENT_RUN_DIR as string;
  return { env, user, password, port, pasv, dataDir, cleanup: () => Promise.all([removeDir(root), removeDir(runDir)]).then(() => undefined) };
}

/** A basic-ftp client logged in with explicit TLS (the service's certificate is self-signed). */
export async function tlsClient(t: { port: number; user: string }, password: string): Promise<Client> {
  const client = new Client(30_000);
  try {
    await client.access({ host: '127.0.0.1', port: t.port, user: t.user, password, secure: true, secureOptions: { rejectUnauthorized: false } });
    return client;
  } catch (err) {
    client.close();
    throw err;
  }
}

/** The FTP reply code of a refused login (basic-ftp's FTPError), or 'logged in'. */
export async function loginOutcome(t: { port: number }, user: string, password: string, secure: boolean): Promise<number | string> {
  const client = new Client(30_000);
  try {
    await client.access({ host: '127.0.0.1', port: t.port, user, password, secure, secureOptions: { rejectUnauthorized: false } });
    return 'logged in';
  } catch (err) {
    return (err as { code?: number | string }).code ?? String(err);
  } finally {
    client.close();
  }
}

/**
 * curl with the credentials on stdin (`--config -`), so the password is not in a process listing.
 * Resolves with curl's exit code and stderr.
 */
export async function curl(t: { user: string }, password: string, args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const r = await run('curl', ['--config', '-', '--silent', '--show-error', ...args], { input: `user = "${t.user}:${password}"\n`, timeoutMs: 120_000 });
    return { code: 0, stderr: r.stderr };
  } catch (err) {
    const e = err as { exitCode?: number; message: string };
    return { code: e.exitCode ?? -1, stderr: e.message };
  }
}

export async function sha256(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}
