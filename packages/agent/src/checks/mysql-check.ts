/**
 * Logs in to MySQL/MariaDB over TCP and runs one query. Proves the server answers, the account
 * works and (with `database`) the schema is reachable, which a port check cannot.
 */
import net from 'node:net';
import { lazyModule } from '../lazy-module.js';
import type { Probe } from '../types.js';
import { abortable } from './abortable.js';
import { checkFailed, unreachable } from './messages.js';

export interface MysqlCheckOptions {
  /** An address or name; note 'localhost' would mean TCP here too, never the unix socket. */
  host: string;
  port: number;
  user: string;
  password: string;
  database?: string;
  /** Default 'SELECT 1'. */
  query?: string;
}

// Pure: a bundle whose service never uses this check leaves the client library out altogether.
const loadMysql = /* @__PURE__ */ lazyModule(() => import('mysql2'));

export function mysqlCheck(options: MysqlCheckOptions): Probe {
  const query = options.query ?? 'SELECT 1';
  const target = `mysql ${options.user}@${options.host}:${options.port}${options.database ? `/${options.database}` : ''}`;
  const secrets = [options.password];

  return async ({ signal }) => {
    const { createConnection } = await loadMysql();
    return abortable<void>(signal, (resolve, reject) => {
      // Our own socket, handed to mysql2: its destroy() only half-closes, which would leave the
      // socket open against a server that hangs; this one we can destroy outright.
      const socket = net.connect({ host: options.host, port: options.port });
      const conn = createConnection({
        stream: socket,
        user: options.user,
        password: options.password,
        database: options.database,
        // The probe's signal is the deadline; a second timer would only race it.
        connectTimeout: 0,
      });
      const fail = (err: unknown): void => reject(isServerAnswer(err) ? checkFailed(target, serverMessage(err), secrets) : unreachable(target, err, secrets));
      // Errors with no command waiting (e.g. the server closing an idle connection) land here.
      conn.on('error', fail);
      conn.query(query, (err) => (err ? fail(err) : resolve()));
      return (outcome) => {
        if (outcome === 'ok') {
          // COM_QUIT, then close once it is written: the server logs no aborted connection.
          conn.end();
          socket.destroySoon();
        } else {
          socket.destroy();
        }
      };
    });
  };
}

interface MysqlServerError {
  code?: string;
  sqlMessage: string;
}

/** Errors the server sent (access denied, unknown database, SQL error) carry its message. */
function isServerAnswer(err: unknown): err is MysqlServerError {
  return typeof (err as { sqlMessage?: unknown } | null)?.sqlMessage === 'string';
}

function serverMessage(err: MysqlServerError): string {
  return err.code ? `${err.code}: ${err.sqlMessage}` : err.sqlMessage;
}
