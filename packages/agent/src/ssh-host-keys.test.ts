/** sshd's host keys with the real ssh-keygen: made once per type, kept afterwards, a lone .pub replaced. */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '@ft/testkit';
import { ensureSshHostKeys, sshHostKeyPath } from './ssh-host-keys.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await removeDir(dir);
});

describe('ensureSshHostKeys', () => {
  it('makes every missing type in a new 0700 dir, then keeps them', async () => {
    const dir = path.join(await makeTempDir('ft-host-keys-'), 'keys');
    dirs.push(path.dirname(dir));
    expect(await ensureSshHostKeys(dir)).toEqual(['ecdsa', 'ed25519', 'rsa']);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const ed25519 = await readFile(sshHostKeyPath(dir, 'ed25519'), 'utf8');
    expect(ed25519).toContain('BEGIN OPENSSH PRIVATE KEY');
    expect(await readFile(`${sshHostKeyPath(dir, 'ed25519')}.pub`, 'utf8')).toMatch(/^ssh-ed25519 /);
    expect(await ensureSshHostKeys(dir)).toEqual([]);
    expect(await readFile(sshHostKeyPath(dir, 'ed25519'), 'utf8')).toBe(ed25519);
  });

  it('makes only the types asked for, over a lone .pub left behind', async () => {
    const dir = await makeTempDir('ft-host-keys-');
    dirs.push(dir);
    await writeFile(`${sshHostKeyPath(dir, 'ed25519')}.pub`, 'stale\n');
    expect(await ensureSshHostKeys(dir, { types: ['ed25519'], sshKeygen: '/usr/bin/ssh-keygen' })).toEqual(['ed25519']);
    expect(await readFile(`${sshHostKeyPath(dir, 'ed25519')}.pub`, 'utf8')).toMatch(/^ssh-ed25519 /);
    await expect(stat(sshHostKeyPath(dir, 'rsa'))).rejects.toThrow(/ENOENT/);
  });
});
