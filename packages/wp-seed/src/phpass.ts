/**
 * phpass "portable" hashes ($P$), the form every WordPress release accepts, implemented from the
 * documented algorithm: an 8-character salt, 2^n rounds of MD5 over (previous digest + password),
 * the digest written in phpass's own base-64 alphabet.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const ITOA64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** WordPress hashes with PasswordHash(8, true), whose portable salt raises the count to 2^13. */
export const WORDPRESS_ITERATION_LOG2 = 13;

/** phpass refuses passwords longer than this (as WordPress does). */
export const MAX_PASSWORD_BYTES = 4096;

/** phpass's encode64: little-endian groups of 3 bytes -> 4 characters, the last group partial. */
export function encode64(input: Uint8Array, count: number): string {
  let output = '';
  let i = 0;
  const byte = (n: number): number => input[n] ?? 0;
  do {
    let value = byte(i++);
    output += ITOA64[value & 0x3f];
    if (i < count) value |= byte(i) << 8;
    output += ITOA64[(value >> 6) & 0x3f];
    if (i++ >= count) break;
    if (i < count) value |= byte(i) << 16;
    output += ITOA64[(value >> 12) & 0x3f];
    if (i++ >= count) break;
    output += ITOA64[(value >> 18) & 0x3f];
  } while (i < count);
  return output;
}

function md5(...parts: Buffer[]): Buffer {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return h.digest();
}

/** The full hash for a setting `$P$<count><8 salt chars>`, or undefined when the setting is not valid. */
function cryptPrivate(password: string, setting: string): string | undefined {
  const id = setting.slice(0, 3);
  if (id !== '$P$' && id !== '$H$') return undefined;
  const log2 = ITOA64.indexOf(setting.charAt(3));
  if (log2 < 7 || log2 > 30) return undefined;
  const salt = setting.slice(4, 12);
  if (salt.length !== 8) return undefined;
  const pw = Buffer.from(password, 'utf8');
  let digest = md5(Buffer.from(salt, 'latin1'), pw);
  for (let rounds = 2 ** log2; rounds > 0; rounds--) digest = md5(digest, pw);
  return setting.slice(0, 12) + encode64(digest, 16);
}

/** A new `$P$B...` hash (34 characters) of `password` with a random salt. */
export function hashPortable(password: string, log2 = WORDPRESS_ITERATION_LOG2): string {
  if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES) throw new RangeError(`a password may have at most ${MAX_PASSWORD_BYTES} bytes`);
  if (log2 < 7 || log2 > 30) throw new RangeError('iteration count log2 must be 7-30');
  const setting = `$P$${ITOA64[log2]}${encode64(randomBytes(6), 6)}`;
  const hash = cryptPrivate(password, setting);
  if (hash === undefined) throw new Error('phpass: internal error building the setting');
  return hash;
}

/** True when `hash` is a phpass portable hash ($P$ or phpBB's $H$) of `password`. */
export function checkPortable(password: string, hash: string): boolean {
  if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES || hash.length !== 34) return false;
  const computed = cryptPrivate(password, hash);
  return computed !== undefined && safeEqual(computed, hash);
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
