/**
 * What a data dir holds, judged before anything touches it. A first start writes a marker before
 * it begins and removes it when the accounts exist: a marker left behind means that start was
 * cut short (killed mid-way), so the next one may start over. The marker lists what the directory
 * held before that start (a filesystem's lost+found, an operator's dot files): starting over removes
 * only what the cut-short start made, never those. A data dir with system tables and no marker is
 * never changed.
 */
import { readFile, readdir, rm, writeFile, unlink, open } from 'node:fs/promises';
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

/**
 * Entries of a fresh data dir that are not MariaDB's and would make it someone else's: anything
 * but lost+found and dot files. A first start refuses such a directory (it would mix its files with
 * them, and a cut-short start could not tell them apart).
 */
export async function foreignEntries(dataDir: string): Promise<string[]> {
  return (await readdir(dataDir)).filter((e) => !FOREIGN_ENTRIES.has(e) && !e.startsWith('.'));
}

/**
 * Removes what a cut-short first start made; only ever called when the marker is there. What the
 * marker lists as there before is kept. A marker from before the list (empty or a line of text)
 * was written by a start that only ever ran on an empty directory: everything but lost+found goes.
 */
export async function clearInterrupted(dataDir: string): Promise<string[]> {
  const before = new Set(await keptEntries(dataDir));
  const entries = (await readdir(dataDir)).filter((e) => e !== INCOMPLETE_MARKER && !FOREIGN_ENTRIES.has(e) && !before.has(e));
  for (const entry of entries) await rm(path.join(dataDir, entry), { recursive: true, force: true });
  return entries;
}

/** Marks a first start as begun, listing what the directory holds now (kept by clearInterrupted). */
export async function markIncomplete(dataDir: string): Promise<void> {
  const kept = (await readdir(dataDir)).filter((e) => e !== INCOMPLETE_MARKER);
  const marker = { note: 'a first start began here and has not finished', kept };
  await writeFile(path.join(dataDir, INCOMPLETE_MARKER), `${JSON.stringify(marker)}\n`, { mode: 0o600 });
  await syncDir(dataDir);
}

async function keptEntries(dataDir: string): Promise<string[]> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path.join(dataDir, INCOMPLETE_MARKER), 'utf8'));
    const kept = (parsed as { kept?: unknown }).kept;
    return Array.isArray(kept) ? kept.filter((e): e is string => typeof e === 'string') : [];
  } catch {
    return [];
  }
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
