/** Does anything accept a TCP connection on host:port? For the ports that must stay closed. */
import net from 'node:net';

export type TcpOutcome =
  | { open: true }
  /** refused (ECONNREFUSED), unreachable, or silent for `waitMs` (a firewall or an unannounced address). */
  | { open: false; why: string };

export function tcpProbe(host: string, port: number, waitMs: number): Promise<TcpOutcome> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(waitMs, () => {
      socket.destroy();
      resolve({ open: false, why: `no answer within ${waitMs / 1000} s` });
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve({ open: true });
    });
    socket.once('error', (err: NodeJS.ErrnoException) =>
      resolve({ open: false, why: err.code === 'ECONNREFUSED' ? 'connection refused' : (err.code ?? err.message) }),
    );
  });
}
