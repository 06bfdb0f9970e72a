import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { capabilitiesFor, phpSerializeFlags } from './php-serialize.js';

describe('PHP serialize', () => {
  it('writes a role as WordPress stores it', () => {
    expect(capabilitiesFor('administrator')).toBe('a:1:{s:13:"administrator";b:1;}');
  });

  it('counts string lengths in bytes, as PHP does', () => {
    const flags = { zoë: true, Łódź: false };
    const text = phpSerializeFlags(flags);
    const php = execFileSync('php', ['-r', 'echo serialize(json_decode(stream_get_contents(STDIN), true));'], { input: JSON.stringify(flags) }).toString();
    expect(text).toBe(php);
  });
});
