/**
 * A stand-in for phpMyAdmin's own HTTPS server: self-signed, it echoes what it received as JSON,
 * sets a cookie for its root, and answers the redirects an upstream sends.
 */
import { readFile } from 'node:fs/promises';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { makeSelfSignedCert, makeTempDir, removeDir } from '@ft/testkit';

export interface Echo {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface UpstreamServer {
  port: number;
  origin: string;
  close(): Promise<void>;
}

export async function startUpstream(): Promise<UpstreamServer> {
  const dir = await makeTempDir('nginx-upstream');
  const cert = await makeSelfSignedCert(dir, 'upstream.test');
  let port = 0;
  const server = https.createServer({ cert: await readFile(cert.certFile), key: await readFile(cert.keyFile) }, (req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const url = req.url ?? '';
      res.setHeader('Set-Cookie', ['session=abc; Path=/; HttpOnly; Secure', 'deep=1; Path=/sub/dir', 'kept=1; Path=/phpmyadmin/']);
      const redirects: Record<string, string> = {
        '/redirect-absolute': `https://127.0.0.1:${port}/index.php?x=1`,
        '/redirect-root': '/index.php?y=2',
        '/redirect-prefixed': `https://127.0.0.1:${port}/phpmyadmin/index.php?z=3`,
        '/redirect-foreign': 'https://docs.example.org/manual',
      };
      const location = redirects[url.split('?')[0] ?? ''];
      if (location) {
        res.writeHead(302, { Location: location });
        res.end();
        return;
      }
      const echo: Echo = { method: req.method ?? '', url, headers: req.headers, body };
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(echo));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: `https://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await removeDir(dir);
    },
  };
}
