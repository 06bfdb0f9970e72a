/**
 * A directory (WordPress uploads, the FTP files, an InfluxDB portable backup) as one part: a
 * gzipped tar of its contents with their modes, without owners (the target's accounts differ:
 * the FTP user carries a per-deployment tag), and unpacked owned by whoever owns the target dir.
 */
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar';

/** Packs the contents of `dir` (a missing one packs as empty: a platform that has no uploads yet). */
export async function packDirectory(dir: string, outFile: string): Promise<void> {
  const exists = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  const from = exists ? dir : await mkdtemp(path.join(os.tmpdir(), 'ft-empty-'));
  try {
    await tar.c({ file: outFile, cwd: from, gzip: true, portable: true } as tar.TarOptionsWithAliasesFile, ['.']);
  } finally {
    if (!exists) await rm(from, { recursive: true, force: true });
  }
}

/** Unpacks into `dir` (made if missing); files take the uid/gid of `dir` itself. */
export async function unpackDirectory(archiveFile: string, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const owner = await stat(dir);
  await tar.x({ file: archiveFile, cwd: dir, strict: true, preserveOwner: false, uid: owner.uid, gid: owner.gid, noMtime: false });
}
