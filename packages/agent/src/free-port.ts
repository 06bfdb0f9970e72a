/** A free TCP port, for a daemon started on loopback (the agent's temporary ones, tests' servers). */
import net from 'node:net';

/** A port nobody listens on right now, from the kernel; a tiny race with other binders is accepted. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port assigned'))));
    });
  });
}
