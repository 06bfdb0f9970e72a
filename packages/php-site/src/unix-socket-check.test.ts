import net from 'node:net';
import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { unixSocketCheck } from './unix-socket-check.js';

describe('unixSocketCheck', () => {
  let dir: string | undefined;
  let server: net.Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('passes when something listens and fails when nothing does', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ft-php-site-sock-'));
    const sock = path.join(dir, 's.sock');
    const probe = unixSocketCheck(sock);
    await expect(probe({ signal: new AbortController().signal })).rejects.toThrow(/ENOENT/);
    server = net.createServer((c) => c.end());
    await new Promise<void>((resolve) => server?.listen(sock, resolve));
    await expect(probe({ signal: new AbortController().signal })).resolves.toBeUndefined();
  });

  it('rejects at once when already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(unixSocketCheck('/nonexistent.sock')({ signal: controller.signal })).rejects.toThrow(/aborted/);
  });
});
