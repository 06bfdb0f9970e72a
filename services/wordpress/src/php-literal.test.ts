import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { phpString } from './php-literal.js';

describe('phpString', () => {
  it.each(["plain", "it's", 'back\\slash\\', "ends with \\'", 'Zoë "$x" {$y}'])('PHP reads %s back exactly', (value) => {
    const out = execFileSync('php', ['-r', `echo ${phpString(value)};`]).toString();
    expect(out).toBe(value);
  });
});
