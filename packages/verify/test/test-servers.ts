/**
 * For the checks' own tests: an http and an https server on free loopback ports whose answers a
 * test sets, to show each check passes on SPEC's answer and fails, naming why, on anything else.
 * (The platform's real answers are checked by tools/e2e against the local mode.)
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { makeSelfSignedCert, makeTempDir, removeDir } from '@ft/testkit';

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

export interface TestServers {
  httpPort: number;
  httpsPort: number;
  /** The handler both servers use from now on. */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export async function startTestServers(): Promise<TestServers> {
  const dir = await makeTempDir('verify-tls');
  const cert = await makeSelfSignedCert(dir, '127.0.0.1');
  let handler: Handler = (_req, res) => res.writeHead(404).end();
  const serve: http.RequestListener = (req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => handler(req, res, body));
  };
  const plain = http.createServer(serve);
  const secure = https.createServer({ cert: await readFile(cert.certFile), key: await readFile(cert.keyFile) }, serve);
  const listen = (server: http.Server): Promise<number> =>
    new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
  const [httpPort, httpsPort] = await Promise.all([listen(plain), listen(secure)]);
  const close = (server: http.Server): Promise<void> => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
  return {
    httpPort,
    httpsPort,
    handle: (h) => (handler = h),
    close: async () => {
      await Promise.all([close(plain), close(secure)]);
      await removeDir(dir);
    },
  };
}
