/**
 * @ft/backup: the archive both targets write and read (`./setup.sh backup|restore` on a cluster,
 * `./setup.sh local backup|restore` on one host). Where the data comes from and goes to is the
 * targets' business (tools/stack for the local mode, tools/deploy for a cluster); this package
 * owns the format: the manifest, packing, checking before any change, and the secrets' encryption.
 */
export { BackupError, type BackupErrorCode } from './errors.js';
export {
  ARCHIVE_FORMAT,
  FORMAT_VERSION,
  newManifest,
  PART_FILES,
  PART_NAMES,
  parseManifest,
  type Manifest,
  type PartEntry,
  type PartName,
} from './manifest.js';
export { describePart, openArchive, writeArchive, type OpenedArchive } from './archive.js';
export { digestFile, type FileDigest } from './file-digest.js';
export { checkPassphrase, openSecrets, sealSecrets } from './secrets-crypto.js';
export { packDirectory, unpackDirectory } from './directory-part.js';
export { formatBytes } from './format-bytes.js';
export { commandOutput, commandToFile, fileToCommand, type StreamOptions } from './command-stream.js';
export { defaultBackupFile, fileExists, passphraseFrom, platformVersion } from './backup-file.js';
