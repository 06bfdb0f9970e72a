/**
 * Every error of the backup package, each with a stable code: the CLI turns them into one line and
 * an exit code, and tests assert on the code rather than on wording.
 */
export type BackupErrorCode =
  | 'BACKUP_NOT_AN_ARCHIVE' // not a tar file, or truncated
  | 'BACKUP_FOREIGN' // a tar file, but not one of ours (no or another manifest, unknown entries)
  | 'BACKUP_FORMAT_VERSION' // ours, from a newer (or unknown) format version
  | 'BACKUP_DAMAGED' // a part whose size or sha256 differs from the manifest, or is missing
  | 'BACKUP_PASSPHRASE' // no passphrase, or the wrong one
  | 'BACKUP_HAS_DATA' // restore into a platform that has data, without --force
  | 'BACKUP_STEP_FAILED'; // a dump or restore command failed

export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}
