/** The last error an agent logged before it exited, from the tail of its log (JSON lines from pino). */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

const TAIL_BYTES = 32 * 1024;

export function lastLoggedError(file: string): string | undefined {
  let text: string;
  try {
    const fd = openSync(file, 'r');
    try {
      const size = fstatSync(fd).size;
      const length = Math.min(size, TAIL_BYTES);
      const buffer = Buffer.alloc(length);
      readSync(fd, buffer, 0, length, size - length);
      text = buffer.toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  const lines = text.split('\n').reverse();
  for (const line of lines) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as { level?: unknown; msg?: unknown; launcher?: unknown };
      if (entry.launcher) continue;
      if ((entry.level === 'error' || entry.level === 'fatal' || entry.level === 50 || entry.level === 60) && typeof entry.msg === 'string') return entry.msg;
    } catch {
      // a torn or non-JSON line
    }
  }
  return undefined;
}
