import { describe, expect, it } from 'vitest';
import { parseAuthorizedKeys } from './authorized-keys.js';

const ED = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq1lYx7c0Zb0S2Xr4jB5b8kq4r7oVQ6oK3lqg0j8J8P alice@laptop';
const RSA = 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 bob';

describe('parseAuthorizedKeys', () => {
  it('keeps key lines, with options and comments, and drops blanks and # lines', () => {
    expect(parseAuthorizedKeys(`# team\n\n${ED}\r\nfrom="10.0.0.0/8",no-pty ${RSA}\n`)).toEqual({ lines: [ED, `from="10.0.0.0/8",no-pty ${RSA}`] });
  });

  it('names the first bad line', () => {
    expect(parseAuthorizedKeys(`${ED}\nssh-ed25519\n`)).toEqual({ problem: expect.stringMatching(/^line 2 is not a public key/) as string });
    expect(parseAuthorizedKeys('-----BEGIN OPENSSH PRIVATE KEY-----\nabc')).toEqual({
      problem: expect.stringMatching(/^line 1 is part of a private key/) as string,
    });
    expect(parseAuthorizedKeys('ssh-dss AAAAB3NzaC1kc3MAAACBAP1 old')).toEqual({ problem: expect.stringMatching(/^line 1/) as string });
    expect(parseAuthorizedKeys('# only a comment\n')).toEqual({ problem: 'no public key in it' });
  });
});
