import { mkdir, mkdtemp, readFile, rm, stat, symlink, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describePart, openArchive, writeArchive } from './archive.js';
import { BackupError } from './errors.js';
import { PART_FILES, type Manifest } from './manifest.js';

let work: string;
beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'ft-backup-test-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function makeArchive(
  parts: Record<string, string> = { mysql: 'CREATE TABLE t (a int);\n', ftp: 'files' },
): Promise<{ file: string; manifest: Manifest }> {
  const dir = path.join(work, 'src');
  await mkdir(path.join(dir, 'parts'), { recursive: true });
  const entries = [];
  for (const [name, content] of Object.entries(parts)) {
    const key = name as keyof typeof PART_FILES;
    await writeFile(path.join(dir, PART_FILES[key]), content);
    entries.push(await describePart(dir, key, `${name} test part`));
  }
  const manifest: Manifest = {
    format: 'ft-services-backup',
    formatVersion: 1,
    platformVersion: '0.1.0',
    createdAt: new Date().toISOString(),
    source: { kind: 'local', address: '127.0.0.2' },
    services: { mysql: 'test' },
    names: { wordpressDb: 'wordpress', influxDb: 'metrics' },
    parts: entries,
  };
  const file = path.join(work, 'backup.tar');
  await writeArchive(file, dir, manifest);
  return { file, manifest };
}

async function refusal(file: string): Promise<BackupError> {
  const err = await openArchive(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BackupError);
  return err as BackupError;
}

/** Repacks an archive's entries (from a directory) with whatever the test changed. */
async function repack(file: string, mutate: (dir: string) => Promise<string[]>): Promise<void> {
  const dir = path.join(work, 'repack');
  await mkdir(dir, { recursive: true });
  await tar.x({ file, cwd: dir });
  const names = await mutate(dir);
  await tar.c({ file, cwd: dir }, names);
}

describe('backup archive', () => {
  it('round trip: every part comes back byte for byte, with its manifest', async () => {
    const { file, manifest } = await makeArchive();
    const opened = await openArchive(file);
    try {
      expect(opened.manifest).toEqual(manifest);
      expect(await readFile(opened.pathOf('mysql'), 'utf8')).toBe('CREATE TABLE t (a int);\n');
      expect(opened.has('ftp')).toBe(true);
      expect(opened.has('influxdb')).toBe(false);
    } finally {
      await opened.close();
    }
    await expect(stat(opened.dir)).rejects.toThrow();
  });

  it('a failed write leaves no file that looks whole', async () => {
    const dir = path.join(work, 'src');
    await mkdir(path.join(dir, 'parts'), { recursive: true });
    const manifest = { parts: [{ file: PART_FILES.mysql }] } as unknown as Manifest; // the part was never made
    await expect(writeArchive(path.join(work, 'out.tar'), dir, manifest)).rejects.toThrow();
    await expect(stat(path.join(work, 'out.tar'))).rejects.toThrow();
    await expect(stat(path.join(work, 'out.tar.partial'))).rejects.toThrow();
  });

  it('refuses a missing file and a file that is not a tar', async () => {
    expect((await refusal(path.join(work, 'nope.tar'))).code).toBe('BACKUP_NOT_AN_ARCHIVE');
    await writeFile(path.join(work, 'text.tar'), 'hello, this is not a tar file at all\n'.repeat(40));
    expect((await refusal(path.join(work, 'text.tar'))).code).toBe('BACKUP_NOT_AN_ARCHIVE');
  });

  it('refuses a truncated archive', async () => {
    const { file } = await makeArchive({ mysql: 'x'.repeat(20_000) });
    const { size } = await stat(file);
    await truncate(file, Math.floor(size / 2));
    const err = await refusal(file);
    expect(['BACKUP_NOT_AN_ARCHIVE', 'BACKUP_DAMAGED']).toContain(err.code);
  });

  it('refuses a part changed by one byte, naming the part and both sums', async () => {
    const { file, manifest } = await makeArchive();
    await repack(file, async (dir) => {
      await writeFile(path.join(dir, PART_FILES.mysql), 'CREATE TABLE t (b int);\n');
      return ['manifest.json', PART_FILES.mysql, PART_FILES.ftp];
    });
    const err = await refusal(file);
    expect(err.code).toBe('BACKUP_DAMAGED');
    expect(err.message).toContain('part mysql');
    expect(err.message).toContain(manifest.parts[0]?.sha256);
  });

  it('refuses an archive without a manifest, with another format, or from a newer version', async () => {
    const { file } = await makeArchive();
    await repack(file, async () => [PART_FILES.mysql]);
    expect((await refusal(file)).code).toBe('BACKUP_FOREIGN');

    const other = await makeArchive();
    await repack(other.file, async (dir) => {
      const m = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
      await writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ ...m, format: 'something-else' }));
      return ['manifest.json', PART_FILES.mysql, PART_FILES.ftp];
    });
    expect((await refusal(other.file)).code).toBe('BACKUP_FOREIGN');

    const newer = await makeArchive();
    await repack(newer.file, async (dir) => {
      const m = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
      await writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ ...m, formatVersion: 2 }));
      return ['manifest.json', PART_FILES.mysql, PART_FILES.ftp];
    });
    expect((await refusal(newer.file)).code).toBe('BACKUP_FORMAT_VERSION');
  });

  it('refuses unlisted entries and links, and writes none of them', async () => {
    const { file } = await makeArchive();
    await repack(file, async (dir) => {
      await writeFile(path.join(dir, 'evil.sh'), 'echo hi');
      await symlink('/etc/passwd', path.join(dir, 'parts', 'uploads.tar.gz'));
      return ['manifest.json', PART_FILES.mysql, PART_FILES.ftp, 'evil.sh', PART_FILES.uploads];
    });
    const err = await refusal(file);
    expect(err.code).toBe('BACKUP_FOREIGN');
    expect(err.message).toContain('evil.sh');
  });

  it('refuses a part the manifest lists but the archive lacks', async () => {
    const { file } = await makeArchive();
    await repack(file, async () => ['manifest.json', PART_FILES.mysql]);
    const err = await refusal(file);
    expect(err.code).toBe('BACKUP_DAMAGED');
    expect(err.message).toContain('part ftp');
  });
});
