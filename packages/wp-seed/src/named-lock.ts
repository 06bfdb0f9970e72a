/** A MariaDB named lock around a critical section (one WordPress installer at a time). */
import type { RowDataPacket } from 'mysql2/promise';
import type { Connection } from './connection.js';

export async function withNamedLock<T>(conn: Connection, name: string, timeoutSeconds: number, fn: () => Promise<T>): Promise<T> {
  const [rows] = await conn.execute<RowDataPacket[]>('SELECT GET_LOCK(?, ?) AS got', [name, timeoutSeconds]);
  if (Number(rows[0]?.got) !== 1) throw new Error(`lock ${name} is still held by another session after ${timeoutSeconds} s`);
  try {
    return await fn();
  } finally {
    await conn.execute('SELECT RELEASE_LOCK(?)', [name]).catch(() => undefined);
  }
}
