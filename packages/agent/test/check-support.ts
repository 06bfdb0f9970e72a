/**
 * Helpers shared by the checks' tests (not used at run time): a server that accepts and never
 * answers, a port nothing listens on, abort timing, and a leak detector for sockets and timers.
 */
import net from 'node:net';
import { expect } from 'vitest';
import { freePort, sleep } from '@ft/testkit';
import { CheckTimeoutError } from '../src/errors.js';
import type { Probe } from '../src/types.js';

export interface SilentServer {
  port: number;
  /** Connections accepted so far. */
  accepted(): number;
  close(): Promise<void>;
}

/** Accepts TCP connections and never sends a byte: every protocol's client waits forever. */
export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('error', () => undefined);
    // Read and drop what the client sends: unread data would hold back 'end' below.
    socket.resume();
    // Once the probe hangs up, let go of our side too, so no socket outlives the probe.
    socket.on('end', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('silent server has no port');
  return {
    port: address.port,
    accepted: () => accepted,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A loopback port nothing listens on (a moment ago). */
export const closedPort = (): Promise<number> => freePort();

/** Runs a probe with a signal that is never aborted. */
export function runProbe(probe: Probe): Promise<string | void> {
  return probe({ signal: new AbortController().signal });
}

/**
 * Starts the probe against a target that never answers, checks it is still pending after
 * `pendingMs`, aborts, and checks it rejects with the abort reason within `withinMs`.
 */
export async function expectRejectsPromptlyOnAbort(probe: Probe, pendingMs = 300, withinMs = 100): Promise<void> {
  const controller = new AbortController();
  const reason = new CheckTimeoutError('test', pendingMs);
  let settledAt: number | undefined;
  const outcome = probe({ signal: controller.signal }).then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  void outcome.then(() => (settledAt = performance.now()));
  await sleep(pendingMs);
  expect(settledAt, 'probe settled before the abort: the target was meant to hang').toBeUndefined();
  const abortedAt = performance.now();
  controller.abort(reason);
  const result = await outcome;
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.error).toBe(reason);
  expect((settledAt ?? Infinity) - abortedAt).toBeLessThan(withinMs);
}

const WATCHED = ['TCPSocketWrap', 'TLSWrap', 'Timeout', 'PipeWrap'];

/**
 * Counts this process's live sockets and timers now; `settled()` waits (up to 2 s, sockets close
 * asynchronously) for the counts to come back to that baseline and fails naming what is left.
 */
export function trackResources(): { settled(): Promise<void> } {
  const baseline = countResources();
  return {
    async settled() {
      const deadline = Date.now() + 2_000;
      for (;;) {
        const now = countResources();
        const extra = WATCHED.filter((kind) => (now.get(kind) ?? 0) > (baseline.get(kind) ?? 0));
        if (extra.length === 0) return;
        if (Date.now() > deadline) {
          const shown = extra.map((k) => `${k} ${baseline.get(k) ?? 0} -> ${now.get(k) ?? 0}`).join(', ');
          throw new Error(`resources left after the probe: ${shown}`);
        }
        await sleep(25);
      }
    },
  };
}

function countResources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}
