/** Waiting for a test daemon to listen, failing fast (with its log) when it dies instead. */
import net from 'node:net';
import type { Daemon } from './daemon.js';

/**
 * Resolves once `daemon` accepts TCP connections on host:port. Rejects as soon as the daemon
 * exits (a bad config should not cost a 30 s wait) or after timeoutMs, with the daemon's log.
 */
export async function waitForDaemonPort(daemon: Daemon, port: number, host = '127.0.0.1', timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!daemon.running) {
      throw new Error(`daemon exited before listening on ${host}:${port}; log ${daemon.logFile}:\n${tail(await daemon.log())}`);
    }
    if (await canConnect(port, host)) return;
    if (Date.now() > deadline) {
      throw new Error(`daemon not listening on ${host}:${port} after ${timeoutMs} ms; log ${daemon.logFile}:\n${tail(await daemon.log())}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

function canConnect(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The last lines of a log: enough to see why a daemon died, short enough for a test report. */
function tail(text: string, lines = 20): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
