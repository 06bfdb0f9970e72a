/**
 * Secrets in an archive are never in clear: `--with-secrets` encrypts them with a passphrase through
 * Node's own crypto (OpenSSL underneath): scrypt derives the key, AES-256-GCM encrypts and
 * authenticates, so a wrong passphrase or a changed byte is an error, never garbage.
 * scrypt's cost (N = 2^15, r = 8, p = 1) is our choice, not a published pin: about 0.1 s and
 * 32 MiB per derivation here, cheap for one archive and costly for a guesser; the parameters travel
 * in the sealed file, so a later change still opens older archives.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCb } from 'node:crypto';
import { z } from 'zod';
import { BackupError } from './errors.js';

const KDF = { name: 'scrypt', N: 2 ** 15, r: 8, p: 1 } as const;
const MIN_PASSPHRASE = 12;

const sealedSchema = z
  .object({
    format: z.literal('ft-services-secrets'),
    version: z.literal(1),
    kdf: z.object({ name: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: z.base64() }).strict(),
    cipher: z.literal('aes-256-gcm'),
    iv: z.base64(),
    tag: z.base64(),
    data: z.base64(),
  })
  .strict();

function deriveKey(passphrase: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCb(passphrase, salt, 32, { N, r, p, maxmem: 256 * N * r }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export function checkPassphrase(passphrase: string | undefined): string {
  if (passphrase === undefined || passphrase.length === 0) {
    throw new BackupError('BACKUP_PASSPHRASE', '--with-secrets needs a passphrase: set FT_BACKUP_PASSPHRASE or give --passphrase-file FILE');
  }
  if (passphrase.length < MIN_PASSPHRASE) throw new BackupError('BACKUP_PASSPHRASE', `the passphrase is too short: at least ${MIN_PASSPHRASE} characters`);
  return passphrase;
}

export async function sealSecrets(plain: Buffer, passphrase: string): Promise<Buffer> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = await deriveKey(checkPassphrase(passphrase), salt, KDF.N, KDF.r, KDF.p);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  const sealed = {
    format: 'ft-services-secrets',
    version: 1,
    kdf: { ...KDF, salt: salt.toString('base64') },
    cipher: 'aes-256-gcm',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
  return Buffer.from(`${JSON.stringify(sealed)}\n`);
}

export async function openSecrets(sealedBytes: Buffer, passphrase: string): Promise<Buffer> {
  let parsed;
  try {
    parsed = sealedSchema.parse(JSON.parse(sealedBytes.toString('utf8')));
  } catch {
    throw new BackupError('BACKUP_DAMAGED', 'the encrypted secrets part is not in the expected format');
  }
  const { N, r, p } = parsed.kdf;
  // Bounds on what a file may ask of this machine: a crafted N must not exhaust memory.
  if (N > 2 ** 20 || r > 16 || p > 4) throw new BackupError('BACKUP_DAMAGED', 'the encrypted secrets part asks for an unreasonable scrypt cost');
  const key = await deriveKey(checkPassphrase(passphrase), Buffer.from(parsed.kdf.salt, 'base64'), N, r, p);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(parsed.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(parsed.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(parsed.data, 'base64')), decipher.final()]);
  } catch {
    throw new BackupError('BACKUP_PASSPHRASE', "the passphrase does not open the archive's secrets (wrong passphrase, or the part was changed)");
  }
}
