import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { checkPortable, encode64, hashPortable } from './phpass.js';

/** WordPress's own phpass class (Debian's wordpress package), run by php-cli. */
function phpPhpass(action: 'check' | 'hash', password: string, hash = ''): string {
  const code = `require '/usr/share/wordpress/wp-includes/class-phpass.php';
    $in = json_decode(stream_get_contents(STDIN), true); $h = new PasswordHash(8, true);
    echo $in[0] === 'check' ? ($h->CheckPassword($in[1], $in[2]) ? 'yes' : 'no') : $h->HashPassword($in[1]);`;
  return execFileSync('php', ['-r', code], { input: JSON.stringify([action, password, hash]) }).toString();
}

describe('phpass portable hashes', () => {
  it('writes $P$B hashes of 34 characters with a fresh salt each time', () => {
    const a = hashPortable('correct horse');
    const b = hashPortable('correct horse');
    expect(a).toMatch(/^\$P\$B[./0-9A-Za-z]{30}$/);
    expect(a).not.toBe(b);
    expect(checkPortable('correct horse', a)).toBe(true);
    expect(checkPortable('correct horsf', a)).toBe(false);
  });

  it('encodes like phpass: 16 bytes -> 22 characters, 6 bytes -> 8', () => {
    expect(encode64(new Uint8Array(16), 16)).toBe('.'.repeat(22));
    expect(encode64(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), 6)).toBe('zzzzzzzz');
  });

  it.each(['s3cret-pass', 'O\'Brien "quoted"', 'Zoë Łukasiewicz ☃'])("agrees with WordPress's PasswordHash both ways for %s", (password) => {
    expect(phpPhpass('check', password, hashPortable(password))).toBe('yes');
    expect(phpPhpass('check', `${password}x`, hashPortable(password))).toBe('no');
    const fromPhp = phpPhpass('hash', password);
    expect(fromPhp).toMatch(/^\$P\$B/);
    expect(checkPortable(password, fromPhp)).toBe(true);
    expect(checkPortable(`${password}x`, fromPhp)).toBe(false);
  });

  it('refuses malformed settings instead of guessing', () => {
    expect(checkPortable('x', '$P$Z' + '.'.repeat(30))).toBe(false);
    expect(checkPortable('x', '$X$B' + '.'.repeat(30))).toBe(false);
    expect(checkPortable('x', '$P$B123')).toBe(false);
  });
});
