/** The mysql container's checks: the server listens, and WordPress's account reaches its database. */
import { mysqlCheck, probeHost, tcpCheck, type CheckSpec } from '@ft/agent';
import type { MysqlContext } from './env.js';

export function mysqlChecks(ctx: MysqlContext): CheckSpec[] {
  const host = probeHost(ctx.config.LISTEN_HOST);
  return [
    // Liveness: the server accepts connections. A restart cannot fix a credential mismatch, so
    // the WordPress login below only decides readiness and never restarts the database.
    { name: 'listening', probe: tcpCheck({ host, port: ctx.config.MYSQL_PORT }) },
    {
      // What WordPress does: log in over TCP with its account and reach its database.
      name: 'mysql',
      scope: 'readiness',
      probe: mysqlCheck({
        host,
        port: ctx.config.MYSQL_PORT,
        user: ctx.config.WORDPRESS_DB_USER,
        password: ctx.config.WORDPRESS_DB_PASSWORD,
        database: ctx.config.WORDPRESS_DB_NAME,
      }),
    },
  ];
}
