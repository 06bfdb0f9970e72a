/** Generated passwords and names: letters and digits only, so no shell, URL, SQL or PHP quoting can break them. */
import { randomInt } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `length` characters from [A-Za-z0-9], uniformly (crypto.randomInt rejects biased draws). */
export function randomPassword(length = 24): string {
  return pick(ALPHANUMERIC, length);
}

/** A short lower-case tag for account names ([a-z0-9]). */
export function randomTag(length = 4): string {
  return pick(LOWER, length);
}

function pick(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}
