import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureStateDirReachable } from './state-dir-access.js';

const made: string[] = [];
afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function privateParent(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ft-state-access-'));
  made.push(dir);
  await chmod(dir, 0o700);
  return dir;
}

describe('ensureStateDirReachable', () => {
  it('opens a private parent this tool owns to passing through, nothing more', async () => {
    const parent = await privateParent();
    const stateDir = path.join(parent, 'local');
    await ensureStateDirReachable(stateDir, [stateDir, parent]);
    expect((await stat(parent)).mode & 0o777).toBe(0o711);
    expect((await stat(stateDir)).mode & 0o001).toBe(0o001);
  });

  it('names a private directory it does not own, and changes nothing', async () => {
    const parent = await privateParent();
    const stateDir = path.join(parent, 'local');
    await expect(ensureStateDirReachable(stateDir, [stateDir])).rejects.toThrow(`${parent} (mode 0700)`);
    expect((await stat(parent)).mode & 0o777).toBe(0o700);
  });
});
