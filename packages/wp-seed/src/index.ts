/** Idempotent WordPress install check, installer and user seeding over mysql2. */
export { openConnection, table, assertTablePrefix, type Connection, type DatabaseOptions } from './connection.js';
export { hashPortable, checkPortable, encode64, WORDPRESS_ITERATION_LOG2, MAX_PASSWORD_BYTES } from './phpass.js';
export { asWordPressFormPassword, hashForWordPress, verifyWordPressHash, phpBcryptVerifier, type BcryptVerifier, type HashVerdict } from './password.js';
export { phpSerializeString, phpSerializeFlags, capabilitiesFor } from './php-serialize.js';
export { wordpressUsersSchema, parseWordPressUsers, WORDPRESS_ROLES, USER_LEVEL, type WordPressRole, type WordPressUser } from './users-list.js';
export {
  seedUsers,
  nicenameOf,
  SEEDED_MARKER_META,
  LEGACY_SEEDED_PASSWORD_META,
  REVOKED_PASSWORD,
  NO_CAPABILITIES,
  type SeedOptions,
  type SeedReport,
} from './seed.js';
export { syncSiteUrl, normaliseSiteUrl, type SiteUrlChange } from './site-url.js';
export { syncUploadPath, type OptionChange } from './upload-path.js';
export { wordpressInstallState, type InstallState } from './install-state.js';
export { runWordPressInstaller, type InstallerOptions, type InstallerResult } from './installer.js';
export { withNamedLock } from './named-lock.js';
