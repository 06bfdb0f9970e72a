import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tcpCheck } from './tcp-check.js';
import { closedPort, runProbe, startSilentServer, trackResources, type SilentServer } from '../../test/check-support.js';

describe('tcpCheck', () => {
  let server: SilentServer;

  beforeAll(async () => {
    server = await startSilentServer();
  });

  afterAll(async () => {
    await server?.close();
  });

  it('passes when something accepts connections', async () => {
    const resources = trackResources();
    await expect(runProbe(tcpCheck({ host: '127.0.0.1', port: server.port }))).resolves.toBeUndefined();
    await resources.settled();
  });

  it('fails quickly when nothing listens', async () => {
    const port = await closedPort();
    const resources = trackResources();
    const started = performance.now();
    await expect(runProbe(tcpCheck({ host: '127.0.0.1', port }))).rejects.toThrow(`tcp 127.0.0.1:${port}: connect ECONNREFUSED`);
    expect(performance.now() - started).toBeLessThan(1_000);
    await resources.settled();
  });

  it('rejects at once with the reason of an already aborted signal', async () => {
    const controller = new AbortController();
    const reason = new Error('shutting down');
    controller.abort(reason);
    await expect(tcpCheck({ host: '127.0.0.1', port: server.port })({ signal: controller.signal })).rejects.toBe(reason);
  });

  it('rejects with the abort reason when aborted while connecting', async () => {
    // Even on loopback, 'connect' comes on a later turn of the event loop than the call, so an
    // abort right after the call lands mid-connect. (A TCP connect that hangs for real needs a
    // blackholed address, which the build machines do not offer.)
    const controller = new AbortController();
    const reason = new Error('check timed out');
    const resources = trackResources();
    const probe = tcpCheck({ host: '127.0.0.1', port: server.port })({ signal: controller.signal });
    controller.abort(reason);
    await expect(probe).rejects.toBe(reason);
    await resources.settled();
  });
});
