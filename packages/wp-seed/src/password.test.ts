import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { asWordPressFormPassword, hashForWordPress, phpBcryptVerifier, verifyWordPressHash } from './password.js';

const php = (code: string, input: string): string => execFileSync('php', ['-r', code], { input }).toString();

describe('WordPress password forms', () => {
  it("slashes quotes as WordPress's login form posts them, and trims", () => {
    expect(asWordPressFormPassword(`it's "x"`)).toBe(`it\\'s \\"x\\"`);
    expect(asWordPressFormPassword('  plain  ')).toBe('plain');
  });

  it('matches its own phpass hash, and says weak for plain MD5 (as phpMyAdmin users set it)', async () => {
    expect(await verifyWordPressHash('pässword-1', hashForWordPress('pässword-1'))).toBe('match');
    expect(await verifyWordPressHash('pässword-2', hashForWordPress('pässword-1'))).toBe('mismatch');
    const md5 = createHash('md5').update('plain-pass').digest('hex');
    expect(await verifyWordPressHash('plain-pass', md5)).toBe('weak');
    expect(await verifyWordPressHash('other-pass', md5)).toBe('mismatch');
  });

  it("checks WordPress 6.8 $wp$2y$ and plain $2y$ bcrypt hashes through PHP's password_verify", async () => {
    const verifier = phpBcryptVerifier('php');
    // How WordPress 6.8's wp_hash_password builds its hash.
    const wpHash = php(
      `$p = stream_get_contents(STDIN); echo '$wp' . password_hash(base64_encode(hash_hmac('sha384', $p, 'wp-sha384', true)), PASSWORD_BCRYPT);`,
      'bcrypt-pass',
    );
    expect(wpHash).toMatch(/^\$wp\$2y\$/);
    expect(await verifyWordPressHash('bcrypt-pass', wpHash, verifier)).toBe('match');
    expect(await verifyWordPressHash('bcrypt-pasz', wpHash, verifier)).toBe('mismatch');
    // Without a verifier the hash cannot be read: the caller rewrites it.
    expect(await verifyWordPressHash('bcrypt-pass', wpHash)).toBe('mismatch');
    const plain = php(`echo password_hash(stream_get_contents(STDIN), PASSWORD_BCRYPT);`, 'bcrypt-pass');
    expect(await verifyWordPressHash('bcrypt-pass', plain, verifier)).toBe('match');
  });
});
