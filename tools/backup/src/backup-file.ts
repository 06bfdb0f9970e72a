/** The archive's file name on the command line: a default with the time, never an existing file. */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { BackupError } from './errors.js';

export function defaultBackupFile(now = new Date()): string {
  return path.resolve(
    `ft-services-backup-${now
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z')
      .replace(/:/g, '-')}.tar`,
  );
}

export async function fileExists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** The passphrase for --with-secrets: the first line of --passphrase-file, else FT_BACKUP_PASSPHRASE (never argv, where `ps` shows it). */
export async function passphraseFrom(file: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (file !== undefined) {
    const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new BackupError('BACKUP_PASSPHRASE', `--passphrase-file ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
    });
    return text.split('\n')[0] ?? '';
  }
  return env.FT_BACKUP_PASSPHRASE ?? '';
}

/** The platform's version for the manifest: the repository's package.json. */
export async function platformVersion(repoRoot: string): Promise<string> {
  const text = await readFile(path.join(repoRoot, 'package.json'), 'utf8').catch(() => '{}');
  return (JSON.parse(text) as { version?: string }).version ?? 'unknown';
}
