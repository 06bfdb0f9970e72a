/** Something accepts connections on a unix socket (php-fpm's, before nginx exists to ask it). */
import net from 'node:net';
import type { Probe } from '@ft/agent';

export function unixSocketCheck(socketPath: string): Probe {
  return ({ signal }) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) {
        reject(new Error(`unix socket ${socketPath}: aborted`));
        return;
      }
      const socket = net.connect({ path: socketPath });
      const done = (err?: Error): void => {
        signal.removeEventListener('abort', onAbort);
        socket.destroy();
        if (err) reject(err);
        else resolve();
      };
      const onAbort = (): void => done(new Error(`unix socket ${socketPath}: aborted`));
      signal.addEventListener('abort', onAbort, { once: true });
      socket.once('connect', () => done());
      socket.once('error', (err: NodeJS.ErrnoException) => done(new Error(`unix socket ${socketPath}: ${err.code ?? err.message}`)));
    });
}
