/**
 * nginx's access log, into the agent's log. nginx can send only its error log to stderr; an access
 * log must be a path it opens, and /dev/stdout is no use because the agent gives daemons socket
 * pairs, which cannot be reopened through /proc. So the path is a FIFO the agent reads, each line
 * logged as the nginx process's `access` stream. Nothing is written to disk.
 */
import { constants, openSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import net from 'node:net';
import readline from 'node:readline';
import { runCommand, type Logger } from '@ft/agent';

/** Creates the FIFO and starts reading it; the returned function stops reading. */
export async function startAccessLogReader(fifo: string, log: Logger): Promise<() => void> {
  await rm(fifo, { force: true });
  await runCommand(['mkfifo', '-m', '600', fifo]);
  // Read-write: the open does not wait for a writer, and the reader sees no end of file when
  // nginx's master closes its end at a reload or exit.
  const fd = openSync(fifo, constants.O_RDWR | constants.O_NONBLOCK);
  const stream = new net.Socket({ fd, readable: true, writable: false });
  const child = log.child({ process: 'nginx', stream: 'access' });
  readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => child.info(line));
  stream.on('error', (err) => log.warn({ err: err.message }, 'nginx access log reader failed'));
  // The agent exits through process.exit; this reader must not keep it alive on its own.
  stream.unref();
  return () => stream.destroy();
}
