import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeSelfSignedCert, makeTempDir } from '@ft/testkit';
import { describe, expect, it } from 'vitest';
import { ensureTlsCert, RENEW_BEFORE_MS } from './tls-cert.js';

describe('ensureTlsCert', () => {
  it('makes a self-signed certificate for the address, keeps it on the next start, key mode 600', async () => {
    const dir = await makeTempDir('tls');
    const opts = { certPath: path.join(dir, 'tls/cert.pem'), keyPath: path.join(dir, 'tls/key.pem'), commonName: '192.0.2.7' };
    expect(await ensureTlsCert(opts)).toBe('generated');
    const cert = new X509Certificate(await readFile(opts.certPath));
    expect(cert.subjectAltName).toContain('IP Address:192.0.2.7');
    expect(cert.checkPrivateKey(createPrivateKey(await readFile(opts.keyPath)))).toBe(true);
    expect((await stat(opts.keyPath)).mode & 0o777).toBe(0o600);
    expect(await ensureTlsCert(opts)).toBe('kept');
  });

  it('writes a given certificate and refuses half a pair or a non-PEM value', async () => {
    const dir = await makeTempDir('tls');
    const given = await makeSelfSignedCert(dir, 'example.test');
    const certPem = await readFile(given.certFile, 'utf8');
    const keyPem = await readFile(given.keyFile, 'utf8');
    const opts = { certPath: path.join(dir, 'c.pem'), keyPath: path.join(dir, 'k.pem'), commonName: 'x' };
    expect(await ensureTlsCert({ ...opts, certPem, keyPem })).toBe('given');
    expect(await readFile(opts.certPath, 'utf8')).toBe(certPem);
    await expect(ensureTlsCert({ ...opts, certPem })).rejects.toThrow(/both TLS_CERT and TLS_KEY/);
    await expect(ensureTlsCert({ ...opts, certPem: 'hello', keyPem })).rejects.toThrow(/TLS_CERT is not a PEM certificate/);
  });

  it('renews a kept self-signed certificate well before it expires (less than 30 days left), and one it cannot read', async () => {
    const dir = await makeTempDir('tls');
    const opts = { certPath: path.join(dir, 'cert.pem'), keyPath: path.join(dir, 'key.pem'), commonName: 'ft.example' };
    expect(await ensureTlsCert(opts)).toBe('generated');
    const first = new X509Certificate(await readFile(opts.certPath));
    const notAfter = Date.parse(first.validTo);
    // 31 days before the end: kept. 29 days before: made anew, with a new key.
    expect(await ensureTlsCert({ ...opts, now: new Date(notAfter - RENEW_BEFORE_MS - 24 * 3600 * 1000) })).toBe('kept');
    expect(new X509Certificate(await readFile(opts.certPath)).serialNumber).toBe(first.serialNumber);
    expect(await ensureTlsCert({ ...opts, now: new Date(notAfter - RENEW_BEFORE_MS + 24 * 3600 * 1000) })).toBe('renewed');
    const renewed = new X509Certificate(await readFile(opts.certPath));
    expect(renewed.serialNumber).not.toBe(first.serialNumber);
    expect(renewed.checkPrivateKey(createPrivateKey(await readFile(opts.keyPath)))).toBe(true);
    expect(Date.parse(renewed.validTo) - Date.now()).toBeGreaterThan(800 * 24 * 3600 * 1000);
    await writeFile(opts.certPath, 'not a certificate\n');
    expect(await ensureTlsCert(opts)).toBe('renewed');
    expect(new X509Certificate(await readFile(opts.certPath)).subjectAltName).toContain('DNS:ft.example');
  });
});
