/** What the mysql service tests share: the bundle, its environment, clients of its server. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createConnection, type Connection } from 'mysql2/promise';
import { lookupUser } from '@ft/agent';
import { agentTestEnv, freePort, type AgentProcess } from '@ft/testkit';

export const bundle = fileURLToPath(new URL('../dist/agent.js', import.meta.url));

/** Passwords with quotes and a backslash: they must reach MariaDB exactly, and never the logs. */
export const ROOT_PASSWORD = `r0ot'pa\\ss"x`;
export const WP_PASSWORD = `wp'pa\\ss"1`;
export const WP_USER = 'fttest_wp';
export const WP_DB = 'fttest_site';

export async function mysqlTestEnv(dataDir: string, overrides: Record<string, string | undefined> = {}): Promise<Record<string, string>> {
  return agentTestEnv({
    MYSQL_ROOT_PASSWORD: ROOT_PASSWORD,
    WORDPRESS_DB_NAME: WP_DB,
    WORDPRESS_DB_USER: WP_USER,
    WORDPRESS_DB_PASSWORD: WP_PASSWORD,
    MYSQL_DATA_DIR: dataDir,
    LISTEN_HOST: '127.0.0.1',
    MYSQL_PORT: String(await freePort()),
    ...overrides,
  });
}

/** The WordPress account over TCP, as the wordpress pod connects. */
export function connectWordpress(env: Record<string, string>, password = WP_PASSWORD): Promise<Connection> {
  return createConnection({ host: '127.0.0.1', port: Number(env.MYSQL_PORT), user: WP_USER, password, database: WP_DB });
}

/**
 * Logs in as root with a password on the server's socket, as the OS user `mysql`: for it,
 * root@localhost's unix_socket alternative does not apply, so only the password can let it in.
 */
export function rootLoginOnSocket(runDir: string, password: string): Promise<{ code: number | null; output: string }> {
  const mysqlUser = lookupUser('mysql');
  return new Promise((resolve, reject) => {
    const child = spawn('mariadb', ['--no-defaults', '-uroot', `--socket=${runDir}/mysqld/mysqld.sock`, '-N', '-e', 'SELECT CURRENT_USER()'], {
      uid: mysqlUser.uid,
      gid: mysqlUser.gid,
      // The password through the environment, not the command line.
      env: { PATH: process.env.PATH, MYSQL_PWD: password },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output: output.trim() }));
  });
}

/** Every line the agent printed, checked for the passwords it was given. */
export function leakedSecrets(agent: AgentProcess, secrets: readonly string[]): string[] {
  return agent.raw.filter((line) => secrets.some((s) => line.includes(s) || line.includes(JSON.stringify(s).slice(1, -1))));
}
