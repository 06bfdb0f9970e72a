/** Free loopback ports for servers a test starts. */
import net from 'node:net';
import { freePort } from '@ft/agent/host';

/** The agent's own (its temporary daemons take loopback ports the same way). */
export { freePort } from '@ft/agent/host';

/** `count` distinct free ports. */
export async function freePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort(host));
  return [...ports];
}

/** True when something accepts a TCP connection on host:port right now. */
export function canConnect(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
