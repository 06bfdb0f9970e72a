/**
 * The environment a test phpmyadmin agent gets: phpmyadmin's tests use it, and so does the test
 * WordPress runs against a real phpMyAdmin (services/wordpress/test/phpmyadmin-password.test.ts),
 * which may import no other service, only this package's /testing face.
 */
import { agentTestEnv, freePort } from '@ft/testkit';

export const PMA_BLOWFISH_SECRET = 'test-blowfish-secret-0123456789-abcdefghij';

export async function pmaEnv(overrides: Record<string, string | undefined> = {}): Promise<Record<string, string>> {
  return agentTestEnv({
    LISTEN_HOST: '127.0.0.1',
    PHPMYADMIN_PORT: String(await freePort()),
    STATUS_PORT: String(await freePort()),
    MYSQL_HOST: '127.0.0.1',
    MYSQL_PORT: '3306',
    PMA_BLOWFISH_SECRET,
    ...overrides,
  });
}
