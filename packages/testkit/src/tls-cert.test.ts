import { readFileSync, statSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from './temp-dir.js';
import { makeSelfSignedCert, type SelfSignedCert } from './tls-cert.js';

describe('makeSelfSignedCert', () => {
  let dir: string;
  let cert: SelfSignedCert;

  beforeAll(async () => {
    dir = await makeTempDir('tls-cert-test');
    cert = await makeSelfSignedCert(dir);
  });

  afterAll(async () => {
    await removeDir(dir);
  });

  it('writes a PEM certificate and a private key readable by the owner only', () => {
    expect(readFileSync(cert.certFile, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(readFileSync(cert.keyFile, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(statSync(cert.keyFile).mode & 0o077).toBe(0);
  });

  it('serves TLS that verifies for localhost and 127.0.0.1 when trusted as a CA', async () => {
    const server = https.createServer({ cert: readFileSync(cert.certFile), key: readFileSync(cert.keyFile) }, (_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const get = (servername?: string) =>
      new Promise<string>((resolve, reject) => {
        https
          .get({ host: '127.0.0.1', port, ...(servername ? { servername } : {}), ca: readFileSync(cert.certFile), agent: false }, (res) => {
            let body = '';
            res
              .setEncoding('utf8')
              .on('data', (chunk: string) => (body += chunk))
              .on('end', () => resolve(body));
          })
          .on('error', reject);
      });
    try {
      expect(await get('localhost')).toBe('ok');
      expect(await get()).toBe('ok'); // checked against the IP in subjectAltName
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
