/**
 * The archive file: a plain tar whose first entry is manifest.json and whose other entries are the
 * parts (each compressed on its own), so that every part has a sha256 of its own in the manifest.
 * Written beside the target and renamed into place, so a failed backup never leaves a file that
 * looks whole. Read into a private directory and checked entirely (format, every size and sha256,
 * nothing unlisted) before a restore changes anything.
 */
import { mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { BackupError } from './errors.js';
import { digestFile } from './file-digest.js';
import { parseManifest, PART_FILES, type Manifest, type PartEntry, type PartName } from './manifest.js';

const MANIFEST = 'manifest.json';

/** A part made in `dir` (at PART_FILES[name]), ready to be listed in the manifest. */
export async function describePart(dir: string, name: PartName, description: string): Promise<PartEntry> {
  const file = PART_FILES[name];
  const { size, sha256 } = await digestFile(path.join(dir, file));
  return { name, file, size, sha256, description };
}

/** Writes manifest.json into `dir` and packs it with the parts into `file` (atomically). */
export async function writeArchive(file: string, dir: string, manifest: Manifest): Promise<{ size: number; sha256: string }> {
  await writeFile(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  const partial = `${file}.partial`;
  await rm(partial, { force: true });
  try {
    // portable: no owner names, uids or mtimes of this host's accounts in the archive's headers.
    await tar.c({ file: partial, cwd: dir, portable: true, mode: 0o600 } as tar.TarOptionsWithAliasesFile, [MANIFEST, ...manifest.parts.map((p) => p.file)]);
    await rename(partial, file);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
  return digestFile(file);
}

export interface OpenedArchive {
  manifest: Manifest;
  /** A private directory holding manifest.json and parts/; remove it with `close()`. */
  dir: string;
  pathOf(name: PartName): string;
  has(name: PartName): boolean;
  close(): Promise<void>;
}

/**
 * Unpacks and checks an archive: a file that is not a tar, is truncated, is not ours, lists a part
 * that is missing or whose size or sha256 differs, or holds anything unlisted, is refused with a
 * BackupError naming what is wrong. Nothing outside the private directory is touched.
 */
export async function openArchive(file: string): Promise<OpenedArchive> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new BackupError('BACKUP_NOT_AN_ARCHIVE', `${file} is not a file`);
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError('BACKUP_NOT_AN_ARCHIVE', `${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ft-restore-'));
  const close = () => rm(dir, { recursive: true, force: true });
  try {
    const unexpected: string[] = [];
    const allowed = new Set<string>([MANIFEST, ...Object.values(PART_FILES)]);
    try {
      await tar.x({
        file,
        cwd: dir,
        strict: true,
        preserveOwner: false,
        // Only our own names, as regular files: anything else (links, absolute or `..` paths, other
        // files) makes the archive foreign and is never written.
        filter: (entry, stat) => {
          const name = entry.replace(/^\.\//, '');
          const ok = (allowed.has(name) && 'type' in stat && stat.type === 'File') || name === 'parts' || name === 'parts/';
          if (!ok) unexpected.push(entry);
          return ok;
        },
      });
    } catch (err) {
      throw new BackupError('BACKUP_NOT_AN_ARCHIVE', `${file} is not a readable archive (${(err as Error).message}): damaged or truncated`);
    }
    if (unexpected.length > 0)
      throw new BackupError('BACKUP_FOREIGN', `${file} holds entries an ft_services backup never has: ${unexpected.slice(0, 5).join(', ')}`);
    let text: string;
    try {
      text = await readFile(path.join(dir, MANIFEST), 'utf8');
    } catch {
      throw new BackupError('BACKUP_FOREIGN', `${file} has no manifest.json: this is not an ft_services backup`);
    }
    const manifest = parseManifest(text);
    const listed = new Set(manifest.parts.map((p) => p.file));
    const present = (await readdir(path.join(dir, 'parts')).catch(() => [] as string[])).map((n) => `parts/${n}`);
    const unlisted = present.filter((p) => !listed.has(p));
    if (unlisted.length > 0) throw new BackupError('BACKUP_FOREIGN', `${file} holds parts its manifest does not list: ${unlisted.join(', ')}`);
    for (const part of manifest.parts) {
      let actual;
      try {
        actual = await digestFile(path.join(dir, part.file));
      } catch {
        throw new BackupError('BACKUP_DAMAGED', `${file}: part ${part.name} (${part.file}) is missing: the archive is truncated or damaged`);
      }
      if (actual.size !== part.size)
        throw new BackupError(
          'BACKUP_DAMAGED',
          `${file}: part ${part.name} is ${actual.size} bytes, the manifest says ${part.size}: the archive is truncated or damaged`,
        );
      if (actual.sha256 !== part.sha256)
        throw new BackupError(
          'BACKUP_DAMAGED',
          `${file}: part ${part.name} has sha256 ${actual.sha256}, the manifest says ${part.sha256}: the archive is damaged`,
        );
    }
    const names = new Set(manifest.parts.map((p) => p.name));
    return { manifest, dir, pathOf: (name) => path.join(dir, PART_FILES[name]), has: (name) => names.has(name), close };
  } catch (err) {
    await close();
    throw err;
  }
}
