/**
 * SSH_AUTHORIZED_KEYS: authorized_keys lines (sshd(8) format), checked before sshd sees them so a
 * pasted private key or a truncated line fails at start with the line named.
 */

/** Key types OpenSSH 9 and 10 accept in authorized_keys (dss is gone from 10). */
const KEY_TYPES = [
  'ssh-ed25519',
  'ssh-rsa',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
];

/** A key type, then base64 (options may precede it; a comment may follow). */
const KEY = new RegExp(`(?:^|\\s)(?:${KEY_TYPES.map((t) => t.replace(/[.@]/g, '\\$&')).join('|')})\\s+[A-Za-z0-9+/]{16,}={0,3}(?:\\s|$)`);

export type ParsedKeys = { lines: string[] } | { problem: string };

/** The key lines (blank lines and # comments dropped), or what is wrong with the first bad line. */
export function parseAuthorizedKeys(text: string): ParsedKeys {
  const lines: string[] = [];
  const all = text.split(/\r?\n/);
  for (const [index, raw] of all.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (/PRIVATE KEY/.test(line)) return { problem: `line ${index + 1} is part of a private key; give public keys only` };
    if (!KEY.test(line)) return { problem: `line ${index + 1} is not a public key (expected e.g. "ssh-ed25519 AAAA... comment")` };
    lines.push(line);
  }
  if (lines.length === 0) return { problem: 'no public key in it' };
  return { lines };
}
