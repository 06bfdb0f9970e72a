/**
 * WordPress's eight keys and salts (wp-config.php's constants). Its own module, with no imports, so
 * the local mode's secrets generator can use the same list without loading the service.
 */
export const SALT_NAMES = [
  'AUTH_KEY',
  'SECURE_AUTH_KEY',
  'LOGGED_IN_KEY',
  'NONCE_KEY',
  'AUTH_SALT',
  'SECURE_AUTH_SALT',
  'LOGGED_IN_SALT',
  'NONCE_SALT',
] as const;

export type SaltName = (typeof SALT_NAMES)[number];
