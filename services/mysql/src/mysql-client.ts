/**
 * The agent's own connections to its server: as root over the unix socket. MariaDB's
 * root@localhost accepts unix_socket authentication, so the agent (OS root) needs no password,
 * and a MYSQL_ROOT_PASSWORD changed after the first start cannot lock it out.
 */
import { lazyModule } from '@ft/agent';
import type { Connection } from 'mysql2/promise';

export type { Connection };

/** mysql2 costs 10-15 MB once loaded: only when the agent first talks to its server. */
const loadMysql = lazyModule(() => import('mysql2/promise'));

export async function connectAsRoot(socketPath: string, timeoutMs = 5_000): Promise<Connection> {
  const { createConnection } = await loadMysql();
  const conn = await createConnection({ socketPath, user: 'root', connectTimeout: timeoutMs });
  // An error with no query waiting (the server going away) is emitted as an event; unheard, it
  // would be an uncaught exception. The next query fails and says so instead.
  conn.on('error', () => undefined);
  return conn;
}

/** COM_QUIT when the connection works, else just drop the socket. */
export async function closeQuietly(conn: Connection): Promise<void> {
  try {
    await conn.end();
  } catch {
    conn.destroy();
  }
}
