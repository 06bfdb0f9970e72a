import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { phpString } from './php-literal.js';

/** What the machine's PHP CLI (Debian's php8.2) makes of `code`. */
const php = (code: string): string => execFileSync('php', ['-n', '-r', code]).toString();

describe('phpString', () => {
  it.each(['plain', "it's", 'back\\slash\\', "ends with \\'", 'Zoë "$x" {$y}'])('PHP reads %s back exactly', (value) => {
    expect(php(`echo ${phpString(value)};`)).toBe(value);
  });

  it('round-trips quotes and backslashes through real PHP', () => {
    const nasty = `a'b\\c\\'d"e$f{g}\n`;
    expect(JSON.parse(php(`echo json_encode(${phpString(nasty)});`))).toBe(nasty);
  });
});
