import { describe, expect, it } from 'vitest';
import { debianConfigName, siteUrl } from './paths.js';

describe('site facts', () => {
  it('omits the port 443 and brackets IPv6', () => {
    expect(siteUrl('192.168.49.20', 5050)).toBe('https://192.168.49.20:5050');
    expect(siteUrl('wp.example.org', 443)).toBe('https://wp.example.org');
    expect(siteUrl('fd00::5', 5050)).toBe('https://[fd00::5]:5050');
  });

  it('gives each run dir its own Debian config name, in the characters Debian accepts', () => {
    const a = debianConfigName('/tmp/ft-agent-run-a');
    expect(a).toMatch(/^[a-zA-Z0-9-]+$/);
    expect(a).not.toBe(debianConfigName('/tmp/ft-agent-run-b'));
    expect(debianConfigName('/tmp/ft-agent-run-a/')).toBe(a);
  });
});
