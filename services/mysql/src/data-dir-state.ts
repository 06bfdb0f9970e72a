/**
 * What a data dir holds, judged before anything touches it. A first start writes a marker before
 * it begins and removes it when the accounts exist: a marker left behind means that start was
 * cut short (killed mid-way), so the next one may start over. A data dir with system tables and no
 * marker is never changed.
 */
import { readdir, rm, writeFile, unlink, open } from 'node:fs/promises';
import path from 'node:path';

export const INCOMPLETE_MARKER = '.ft-init-incomplete';

/** Left alone when a cut-short first start is cleared: the filesystem's, not ours. */
const FOREIGN_ENTRIES = new Set(['lost+found']);

export type DataDirState = 'fresh' | 'interrupted' | 'initialised';

export async function dataDirState(dataDir: string): Promise<DataDirState> {
  const entries = await readdir(dataDir);
  if (entries.includes(INCOMPLETE_MARKER)) return 'interrupted';
  // mariadb-install-db's first product: the `mysql` schema holding the accounts.
  if (entries.includes('mysql')) return 'initialised';
  return 'fresh';
}

/** Removes what a cut-short first start left; only ever called when the marker is there. */
export async function clearInterrupted(dataDir: string): Promise<string[]> {
  const entries = (await readdir(dataDir)).filter((e) => e !== INCOMPLETE_MARKER && !FOREIGN_ENTRIES.has(e));
  for (const entry of entries) await rm(path.join(dataDir, entry), { recursive: true, force: true });
  return entries;
}

export async function markIncomplete(dataDir: string): Promise<void> {
  await writeFile(path.join(dataDir, INCOMPLETE_MARKER), 'a first start began here and has not finished\n', { mode: 0o600 });
  await syncDir(dataDir);
}

export async function markComplete(dataDir: string): Promise<void> {
  await unlink(path.join(dataDir, INCOMPLETE_MARKER));
  await syncDir(dataDir);
}

/** The marker's creation and removal must reach the disk in order with the data they guard. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
