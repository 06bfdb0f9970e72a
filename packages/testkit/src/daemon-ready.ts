/** Waiting for a test daemon to listen, failing fast (with its log) when it dies instead. */
import type { Daemon } from './daemon.js';
import { canConnect } from './ports.js';

/**
 * Resolves once `daemon` accepts TCP connections on host:port. Rejects as soon as the daemon
 * exits (a bad config should not cost a 30 s wait) or after timeoutMs, with the daemon's log;
 * a daemon that is still running then is stopped first, so a failed start leaves nothing behind.
 */
export async function waitForDaemonPort(daemon: Daemon, port: number, host = '127.0.0.1', timeoutMs = 30_000): Promise<void> {
  try {
    await waitListening(daemon, port, host, timeoutMs);
  } catch (err) {
    await daemon.stop(2_000);
    throw err;
  }
}

async function waitListening(daemon: Daemon, port: number, host: string, timeoutMs: number): Promise<void> {
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

/** The last lines of a log: enough to see why a daemon died, short enough for a test report. */
function tail(text: string, lines = 20): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
