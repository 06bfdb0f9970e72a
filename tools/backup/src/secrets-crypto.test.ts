import { describe, expect, it } from 'vitest';
import { BackupError } from './errors.js';
import { openSecrets, sealSecrets } from './secrets-crypto.js';

const PASS = 'correct horse battery staple';

describe('secrets encryption', () => {
  it('round trip; the sealed bytes never hold the clear text', async () => {
    const plain = Buffer.from('{"mysql":{"rootPassword":"s3cr3t-value-123"}}');
    const sealed = await sealSecrets(plain, PASS);
    expect(sealed.toString()).not.toContain('s3cr3t');
    expect(sealed.toString('base64')).not.toContain(plain.toString('base64'));
    expect(await openSecrets(sealed, PASS)).toEqual(plain);
  });

  it('a wrong passphrase and a changed byte are errors, not garbage', async () => {
    const sealed = await sealSecrets(Buffer.from('secret'), PASS);
    await expect(openSecrets(sealed, 'another long passphrase')).rejects.toMatchObject({ code: 'BACKUP_PASSPHRASE' });
    const doc = JSON.parse(sealed.toString()) as { data: string };
    const data = Buffer.from(doc.data, 'base64');
    data[0] = (data[0] ?? 0) ^ 1;
    const changed = Buffer.from(JSON.stringify({ ...doc, data: data.toString('base64') }));
    await expect(openSecrets(changed, PASS)).rejects.toBeInstanceOf(BackupError);
  });

  it('refuses no passphrase or a short one, and a crafted cost', async () => {
    await expect(sealSecrets(Buffer.from('x'), '')).rejects.toMatchObject({ code: 'BACKUP_PASSPHRASE' });
    await expect(sealSecrets(Buffer.from('x'), 'short')).rejects.toMatchObject({ code: 'BACKUP_PASSPHRASE' });
    const doc = JSON.parse((await sealSecrets(Buffer.from('x'), PASS)).toString()) as { kdf: object };
    const crafted = Buffer.from(JSON.stringify({ ...doc, kdf: { ...doc.kdf, N: 2 ** 30 } }));
    await expect(openSecrets(crafted, PASS)).rejects.toMatchObject({ code: 'BACKUP_DAMAGED' });
  });
});
