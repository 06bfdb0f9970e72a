/** Something accepts TCP connections on host:port. Says nothing about what it answers. */
import net from 'node:net';
import type { Probe } from '../types.js';
import { abortable } from './abortable.js';
import { unreachable } from './messages.js';

export interface TcpCheckOptions {
  host: string;
  port: number;
}

export function tcpCheck(options: TcpCheckOptions): Probe {
  const target = `tcp ${options.host}:${options.port}`;
  return ({ signal }) =>
    abortable<void>(signal, (resolve, reject) => {
      const socket = net.connect({ host: options.host, port: options.port });
      socket.once('connect', () => resolve());
      socket.once('error', (err) => reject(unreachable(target, err)));
      return () => socket.destroy();
    });
}
