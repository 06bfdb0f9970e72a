/**
 * `mysql`: SHOW GLOBAL STATUS, with telegraf's field names (the status variable, lower-cased).
 * Counters are totals since the server started; dashboards take their rate.
 */
import { measurementPoint, type Collector, type MetricPoint, type ProcessView } from '@ft/agent';
import { fieldNames, type FieldName, type FieldValues } from '@ft/platform';
import { closeQuietly, connectAsRoot, type Connection } from './mysql-client.js';

/** The status variables read: the fields of `mysql` in the measurement schema, in its order. */
export const MYSQL_FIELDS = fieldNames('mysql');
const WANTED = new Set<string>(MYSQL_FIELDS);
const isWanted = (name: string): name is FieldName<'mysql'> => WANTED.has(name);

export interface StatusRow {
  Variable_name: string;
  Value: string;
}

/** The listed fields found in the rows, as numbers; rows that are not listed or not numeric are left out. */
export function statusFields(rows: readonly StatusRow[]): FieldValues<'mysql'> {
  const fields: FieldValues<'mysql'> = {};
  for (const row of rows) {
    const name = row.Variable_name.toLowerCase();
    const value = Number(row.Value);
    if (isWanted(name) && row.Value !== '' && Number.isFinite(value)) fields[name] = value;
  }
  return fields;
}

export interface MysqlStatusOptions {
  socket: string;
  /** The collector stays quiet while mariadbd is not running (first-start init) ... */
  processes: ProcessView;
  process: string;
  /** ... and once the agent is stopping (mariadbd is going away: its answer would only be an error). */
  signal: AbortSignal;
  timeoutMs?: number;
}

/**
 * One connection, opened at the first round and kept: a new login every round would cost a
 * handshake and count in `connections` itself. Any error drops it (the next round connects again);
 * the agent's stop closes it before mariadbd is stopped.
 */
export function mysqlStatusCollector(options: MysqlStatusOptions): Collector {
  const timeoutMs = options.timeoutMs ?? 5_000;
  let conn: Connection | undefined;
  const drop = (): void => {
    const old = conn;
    conn = undefined;
    if (old) void closeQuietly(old);
  };
  options.signal.addEventListener('abort', drop, { once: true });
  return {
    name: 'mysql',
    async collect(): Promise<MetricPoint[]> {
      if (options.signal.aborted || options.processes.pid(options.process) === undefined) {
        drop();
        return [];
      }
      if (!conn) {
        const opened = await connectAsRoot(options.socket, timeoutMs);
        // The agent began to stop while this one was being opened: nobody would close it.
        if (options.signal.aborted) {
          await closeQuietly(opened);
          return [];
        }
        conn = opened;
      }
      try {
        const [rows] = await conn.query({ sql: 'SHOW GLOBAL STATUS WHERE Variable_name IN (?)', values: [MYSQL_FIELDS], timeout: timeoutMs });
        const fields = statusFields(rows as StatusRow[]);
        if (Object.keys(fields).length === 0) throw new Error('SHOW GLOBAL STATUS returned none of the mysql fields');
        return [measurementPoint('mysql', fields)];
      } catch (err) {
        drop();
        throw err;
      }
    },
  };
}
