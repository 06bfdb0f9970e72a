import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSelfSignedCert, makeTempDir, removeDir } from '@ft/testkit';
import { CheckFailedError } from '../errors.js';
import { httpCheck, MAX_BODY_BYTES } from './http-check.js';
import { closedPort, expectRejectsPromptlyOnAbort, runProbe, startSilentServer, trackResources, type SilentServer } from '../../test/check-support.js';

/** The routes the platform's checks meet: a page, redirects, a large body, virtual hosts. */
const handler: http.RequestListener = (req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  switch (url.pathname) {
    case '/ok':
      res.end('<html>welcome to ft_services</html>');
      return;
    case '/moved':
      res.writeHead(301, { location: `https://${req.headers.host}/moved` }).end();
      return;
    case '/wordpress':
      res.writeHead(307, { location: 'http://192.0.2.10:5050/' }).end();
      return;
    case '/big':
      // The marker sits past the read limit.
      res.end('x'.repeat(MAX_BODY_BYTES + 1024) + 'MARKER');
      return;
    case '/host':
      res.end(`host=${req.headers.host} method=${req.method} x-probe=${String(req.headers['x-probe'] ?? '')}`);
      return;
    default:
      res.writeHead(404).end('not found');
  }
};

async function listen(server: http.Server | https.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('httpCheck', () => {
  let dir: string;
  let plain: http.Server;
  let secure: https.Server;
  let silent: SilentServer;
  let httpBase: string;
  let httpsBase: string;

  beforeAll(async () => {
    dir = await makeTempDir('http-check');
    const cert = await makeSelfSignedCert(dir);
    plain = http.createServer(handler);
    secure = https.createServer({ cert: readFileSync(cert.certFile), key: readFileSync(cert.keyFile) }, handler);
    httpBase = `http://127.0.0.1:${await listen(plain)}`;
    httpsBase = `https://127.0.0.1:${await listen(secure)}`;
    silent = await startSilentServer();
  });

  afterAll(async () => {
    plain?.closeAllConnections();
    secure?.closeAllConnections();
    await Promise.all([new Promise((r) => plain?.close(r)), new Promise((r) => secure?.close(r)), silent?.close()]);
    await removeDir(dir);
  });

  describe('passes', () => {
    it('on 200 by default, reporting the status', async () => {
      const resources = trackResources();
      await expect(runProbe(httpCheck({ url: `${httpBase}/ok` }))).resolves.toBe('200');
      await resources.settled();
    });

    it('on an expected redirect, without following it', async () => {
      const probe = httpCheck({ url: `${httpBase}/moved`, expectStatus: 301, expectLocation: `https://${httpBase.slice(7)}/moved` });
      await expect(runProbe(probe)).resolves.toBe(`301 -> https://${httpBase.slice(7)}/moved`);
    });

    it('on any of several statuses, and a Location matching a pattern', async () => {
      const probe = httpCheck({ url: `${httpBase}/wordpress`, expectStatus: [302, 307], expectLocation: /^http:\/\/[\d.]+:5050\/$/ });
      await expect(runProbe(probe)).resolves.toMatch(/^307/);
    });

    it('when the body contains the text', async () => {
      await expect(runProbe(httpCheck({ url: `${httpBase}/ok`, bodyContains: 'ft_services' }))).resolves.toBe('200');
    });

    it('over https with a self-signed certificate when insecureTls is set', async () => {
      const resources = trackResources();
      await expect(runProbe(httpCheck({ url: `${httpsBase}/ok`, insecureTls: true, bodyContains: 'welcome' }))).resolves.toBe('200');
      await resources.settled();
    });

    it('sending the method, extra headers and the Host header given', async () => {
      const probe = httpCheck({
        url: `${httpsBase}/host`,
        method: 'post',
        insecureTls: true,
        hostHeader: 'site.example:8443',
        headers: { 'x-probe': 'yes' },
        bodyContains: 'host=site.example:8443 method=POST x-probe=yes',
      });
      await expect(runProbe(probe)).resolves.toBe('200');
    });
  });

  describe('fails', () => {
    it('on a wrong status, saying which', async () => {
      const probe = httpCheck({ url: `${httpBase}/ok`, expectStatus: 301 });
      await expect(runProbe(probe)).rejects.toThrow(`GET ${httpBase}/ok: expected status 301, got 200`);
      await expect(runProbe(probe)).rejects.toBeInstanceOf(CheckFailedError);
    });

    it('on a status other than 200 by default', async () => {
      await expect(runProbe(httpCheck({ url: `${httpBase}/missing` }))).rejects.toThrow('expected status 200, got 404');
    });

    it('on a wrong or missing Location', async () => {
      const wrong = httpCheck({ url: `${httpBase}/moved`, expectStatus: 301, expectLocation: 'https://elsewhere/moved' });
      await expect(runProbe(wrong)).rejects.toThrow(`expected Location "https://elsewhere/moved", got "https://${httpBase.slice(7)}/moved"`);
      const missing = httpCheck({ url: `${httpBase}/ok`, expectLocation: /./ });
      await expect(runProbe(missing)).rejects.toThrow('expected Location /./, got none');
    });

    it('when the body lacks the text, reading no more than the limit', async () => {
      await expect(runProbe(httpCheck({ url: `${httpBase}/ok`, bodyContains: 'wp-login' }))).rejects.toThrow('body does not contain "wp-login"');
      const resources = trackResources();
      await expect(runProbe(httpCheck({ url: `${httpBase}/big`, bodyContains: 'MARKER' }))).rejects.toThrow(
        'body does not contain "MARKER" in the first 256 KiB',
      );
      await resources.settled();
    });

    it('on a self-signed certificate unless insecureTls', async () => {
      await expect(runProbe(httpCheck({ url: `${httpsBase}/ok` }))).rejects.toThrow(/self[- ]signed/);
    });

    it('when the port speaks plain HTTP to an https check', async () => {
      const resources = trackResources();
      const started = performance.now();
      await expect(runProbe(httpCheck({ url: `${httpBase.replace('http:', 'https:')}/ok`, insecureTls: true }))).rejects.toThrow(
        /^GET https:\/\/127\.0\.0\.1:\d+\/ok: .*(EPROTO|wrong version number|packet length too long)/,
      );
      expect(performance.now() - started).toBeLessThan(1_000);
      await resources.settled();
    });

    it('quickly when nothing listens', async () => {
      const port = await closedPort();
      const started = performance.now();
      await expect(runProbe(httpCheck({ url: `http://127.0.0.1:${port}/` }))).rejects.toThrow(`GET http://127.0.0.1:${port}/: connect ECONNREFUSED`);
      expect(performance.now() - started).toBeLessThan(1_000);
    });

    it('at once when aborted while the server does not answer', async () => {
      const resources = trackResources();
      await expectRejectsPromptlyOnAbort(httpCheck({ url: `http://127.0.0.1:${silent.port}/` }));
      await expectRejectsPromptlyOnAbort(httpCheck({ url: `https://127.0.0.1:${silent.port}/`, insecureTls: true }));
      await resources.settled();
    });
  });

  it('never shows a password from the URL', async () => {
    const probe = httpCheck({ url: `http://admin:hunter2@127.0.0.1:${silent.port}/`, expectStatus: 200 });
    const port = await closedPort();
    const refused = httpCheck({ url: `http://admin:hunter2@127.0.0.1:${port}/` });
    const err = await runProbe(refused).catch((e: unknown) => e as Error);
    expect(String(err)).toContain('admin:***@');
    expect(String(err)).not.toContain('hunter2');
    expect(probe).toBeTypeOf('function');
  });

  it('refuses a URL that is not http(s)', () => {
    expect(() => httpCheck({ url: 'ftp://127.0.0.1/' })).toThrow(/not an http\(s\) URL/);
  });
});
