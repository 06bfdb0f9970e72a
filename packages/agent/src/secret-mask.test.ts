import { describe, expect, it } from 'vitest';
import { maskSecrets } from './secret-mask.js';

describe('maskSecrets', () => {
  it('masks every occurrence of every secret', () => {
    expect(maskSecrets("Access denied for 'wp'@'%' using password 's3cret-pw' (s3cret-pw)", ['s3cret-pw', 'root-pw'])).toBe(
      "Access denied for 'wp'@'%' using password '***' (***)",
    );
  });

  it('masks a secret that contains another whole, whatever the order given', () => {
    expect(maskSecrets('pw=abcdefgh', ['abcd', 'abcdefgh'])).toBe('pw=***');
  });

  it('leaves unset, empty and too short secrets', () => {
    expect(maskSecrets('a to b', [undefined, '', 'a'], 2)).toBe('a to b');
    expect(maskSecrets('', ['x'])).toBe('');
  });

  it('treats a secret as text, not as a pattern', () => {
    expect(maskSecrets('p.*$ and pXY', ['p.*$'])).toBe('*** and pXY');
  });
});
