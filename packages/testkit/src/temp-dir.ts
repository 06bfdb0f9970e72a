/** Temp directories that tests create and remove. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export async function makeTempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `ft-${prefix}-`));
}

/** Removes `dir` and everything in it; a second call (or a missing dir) is a no-op. */
export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/**
 * Runs `setup` in a fresh temp dir and resolves with its result. If setup throws, the dir is
 * removed before the error goes on, so a server that fails to start leaves no files behind;
 * after success the dir is the caller's to remove (in its stop()).
 */
export async function inTempDir<T>(prefix: string, setup: (dir: string) => Promise<T>): Promise<T> {
  const dir = await makeTempDir(prefix);
  try {
    return await setup(dir);
  } catch (err) {
    await removeDir(dir);
    throw err;
  }
}
