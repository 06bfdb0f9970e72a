import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultBackupFile, fileExists, passphraseFrom, platformVersion } from './backup-file.js';

describe('backup file and passphrase', () => {
  it('names a default archive by the time, in the current directory', () => {
    expect(defaultBackupFile(new Date('2026-12-02T15:04:05.123Z'))).toBe(path.resolve('ft-services-backup-2026-12-02T15-04-05Z.tar'));
  });

  it('reads the passphrase from a file (first line) before the environment; a missing file is named', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ft-pass-'));
    await writeFile(path.join(dir, 'p'), 'from the file\nsecond line\n');
    expect(await passphraseFrom(path.join(dir, 'p'), { FT_BACKUP_PASSPHRASE: 'env' })).toBe('from the file');
    expect(await passphraseFrom(undefined, { FT_BACKUP_PASSPHRASE: 'env' })).toBe('env');
    await expect(passphraseFrom(path.join(dir, 'nope'))).rejects.toMatchObject({ code: 'BACKUP_PASSPHRASE' });
    expect(await fileExists(path.join(dir, 'p'))).toBe(true);
    expect(await fileExists(path.join(dir, 'nope'))).toBe(false);
  });

  it('reads the platform version from the repository', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ft-ver-'));
    await writeFile(path.join(dir, 'package.json'), '{"version":"9.8.7"}');
    expect(await platformVersion(dir)).toBe('9.8.7');
    expect(await platformVersion(path.join(dir, 'missing'))).toBe('unknown');
  });
});
