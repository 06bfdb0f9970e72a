/**
 * Which stored hashes a listed password matches, the way WordPress's wp_check_password reads them
 * (6.1: plain MD5 and phpass; 6.8+: also bcrypt, plain `$2y$` or WordPress's `$wp$2y$`).
 */
import { execFile } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { checkPortable, hashPortable, safeEqual } from './phpass.js';

/** Verifies a bcrypt hash (PHP's password_verify semantics); node has no bcrypt of its own. */
export type BcryptVerifier = (password: string, hash: string) => Promise<boolean>;

export type HashVerdict =
  /** The hash is of this password in a form WordPress keeps: nothing to do. */
  | 'match'
  /** The hash is of this password but weak (plain MD5, as set through phpMyAdmin): rehash. */
  | 'weak'
  /** Another password, or a form this process cannot check: write a new hash. */
  | 'mismatch';

/**
 * WordPress compares the password exactly as its login form posts it: `$_POST['pwd']` keeps the
 * magic-quote slashes WordPress adds to every request (wp_signon does not unslash it, and the
 * profile page hashes the slashed form too). So a listed password with ' or " must be hashed with
 * those slashes for the user to be able to log in. WordPress trims passwords as well.
 */
export function asWordPressFormPassword(password: string): string {
  return password.trim().replace(/[\\'"\0]/g, (c) => (c === '\0' ? '\\0' : `\\${c}`));
}

/** The hash seeding writes: phpass portable, accepted by every WordPress release. */
export function hashForWordPress(password: string): string {
  return hashPortable(asWordPressFormPassword(password));
}

export async function verifyWordPressHash(password: string, hash: string, bcrypt?: BcryptVerifier): Promise<HashVerdict> {
  const form = asWordPressFormPassword(password);
  if (hash.length <= 32) {
    return safeEqual(hash, createHash('md5').update(form, 'utf8').digest('hex')) ? 'weak' : 'mismatch';
  }
  if (hash.startsWith('$P$') || hash.startsWith('$H$')) return checkPortable(form, hash) ? 'match' : 'mismatch';
  if (!bcrypt) return 'mismatch';
  if (hash.startsWith('$wp')) {
    // WordPress 6.8: bcrypt over base64(HMAC-SHA384(password, key "wp-sha384")), stored as "$wp" + bcrypt.
    const prehashed = createHmac('sha384', 'wp-sha384').update(form, 'utf8').digest('base64');
    return (await bcrypt(prehashed, hash.slice(3))) ? 'match' : 'mismatch';
  }
  if (/^\$2[abxy]\$/.test(hash)) return (await bcrypt(form, hash)) ? 'match' : 'mismatch';
  return 'mismatch';
}

/**
 * A BcryptVerifier that asks PHP's password_verify (php-cli is in every WordPress container).
 * The password travels on stdin, never on the command line.
 */
export function phpBcryptVerifier(phpBinary = 'php', timeoutMs = 15_000): BcryptVerifier {
  const code = '$in = json_decode(stream_get_contents(STDIN), true); echo password_verify($in[0], $in[1]) ? "yes" : "no";';
  return (password, hash) =>
    new Promise((resolve, reject) => {
      const env = { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin' };
      const child = execFile(phpBinary, ['-r', code], { timeout: timeoutMs, env }, (err, stdout) => {
        if (err) reject(new Error(`${phpBinary} password_verify failed: ${err.message.split('\n')[0]}`));
        else resolve(stdout.trim() === 'yes');
      });
      child.stdin?.end(JSON.stringify([password, hash]));
    });
}
