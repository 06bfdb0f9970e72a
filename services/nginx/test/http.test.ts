/**
 * nginx's answers on 80 and 443, exactly: the redirects, the index page, and the /phpmyadmin/
 * reverse proxy against a real HTTPS upstream (a stand-in for phpMyAdmin's own server).
 */
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Echo, startUpstream, type UpstreamServer } from './upstream-server.js';
import { request, startNginxAgent, type NginxAgent } from './support.js';

const EXTERNAL = 'ft-external.test';

describe('nginx on 80 and 443', () => {
  let upstream: UpstreamServer;
  let nginx: NginxAgent;
  let http: string;
  let https: string;

  beforeAll(async () => {
    upstream = await startUpstream();
    nginx = await startNginxAgent({
      EXTERNAL_HOST: EXTERNAL,
      SSH_USER: 'fttestnginxweb',
      SSH_PASSWORD: 'web-test-password',
      PHPMYADMIN_UPSTREAM: upstream.origin,
    });
    await nginx.agent.waitReady(90_000);
    http = `http://127.0.0.1:${nginx.ports.http}`;
    https = `https://127.0.0.1:${nginx.ports.https}`;
  });
  afterAll(async () => {
    await nginx?.stop();
    await upstream?.close();
  });

  it('answers every request on 80 with 301 to https, same host, path and query', async () => {
    const root = await request(`${http}/`);
    expect(root.status).toBe(301);
    expect(root.headers.location).toBe(`https://127.0.0.1:${nginx.ports.https}/`);

    const deep = await request(`${http}/a/b?c=d`);
    expect(deep.status).toBe(301);
    expect(deep.headers.location).toBe(`https://127.0.0.1:${nginx.ports.https}/a/b?c=d`);

    // The host is the one the client asked for, without its port; the path as the client encoded it.
    const named = await request(`${http}/x%20y/?q=%2F`, { headers: { Host: `box.example:${nginx.ports.http}` } });
    expect(named.status).toBe(301);
    expect(named.headers.location).toBe(`https://box.example:${nginx.ports.https}/x%20y/?q=%2F`);

    const post = await request(`${http}/form`, { method: 'POST', body: 'a=1' });
    expect(post.status).toBe(301);
  });

  it('speaks TLS 1.2 only with forward-secret AEAD suites, and TLS 1.3', async () => {
    const handshake = (options: tls.ConnectionOptions) =>
      new Promise<{ protocol: string | null; cipher: string }>((resolve, reject) => {
        const socket = tls.connect({ host: '127.0.0.1', port: nginx.ports.https, rejectUnauthorized: false, ...options }, () => {
          const result = { protocol: socket.getProtocol(), cipher: socket.getCipher().name };
          socket.end();
          resolve(result);
        });
        socket.on('error', reject);
      });
    const tls12 = { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' } as const;
    // RSA key exchange (no forward secrecy) and CBC suites: refused.
    for (const ciphers of ['AES128-GCM-SHA256', 'AES256-SHA256', 'ECDHE-RSA-AES128-SHA256', 'ECDHE-RSA-AES256-SHA']) {
      await expect(handshake({ ...tls12, ciphers }), ciphers).rejects.toThrow(/handshake failure|no ciphers|alert/i);
    }
    expect(await handshake({ ...tls12, ciphers: 'ECDHE-RSA-AES128-GCM-SHA256' })).toEqual({ protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-GCM-SHA256' });
    expect(await handshake({ ...tls12, ciphers: 'ECDHE-RSA-CHACHA20-POLY1305' })).toEqual({ protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-CHACHA20-POLY1305' });
    expect((await handshake({ minVersion: 'TLSv1.3' })).protocol).toBe('TLSv1.3');
    await expect(handshake({ minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' })).rejects.toThrow();
  });

  it('serves a page listing the services on 443', async () => {
    const page = await request(`${https}/`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    for (const text of ['ft_services', 'href="/wordpress"', 'href="/phpmyadmin/"', `http://${EXTERNAL}:3000/`, 'FTPS', 'ssh -p']) {
      expect(page.body).toContain(text);
    }
    expect((await request(`${https}/no-such-page`)).status).toBe(404);
  });

  it('sends /wordpress and everything under it to WordPress on 5050 of the external address with 307', async () => {
    const cases: [string, string][] = [
      ['/wordpress', `https://${EXTERNAL}:5050/`],
      ['/wordpress/', `https://${EXTERNAL}:5050/`],
      ['/wordpress/x?y', `https://${EXTERNAL}:5050/x?y`],
      ['/wordpress?y=1', `https://${EXTERNAL}:5050/?y=1`],
      ['/wordpress/wp-admin/post.php?post=1&action=edit', `https://${EXTERNAL}:5050/wp-admin/post.php?post=1&action=edit`],
    ];
    for (const [path, location] of cases) {
      const res = await request(`${https}${path}`);
      expect({ path, status: res.status, location: res.headers.location }).toEqual({ path, status: 307, location });
    }
    // Not under /wordpress: a name that only starts with it.
    expect((await request(`${https}/wordpressx`)).status).toBe(404);
  });

  it('redirects /phpmyadmin to /phpmyadmin/ with 301', async () => {
    const bare = await request(`${https}/phpmyadmin`);
    expect(bare.status).toBe(301);
    expect(bare.headers.location).toBe('/phpmyadmin/');
    const query = await request(`${https}/phpmyadmin?route=/sql`);
    expect(query.status).toBe(301);
    expect(query.headers.location).toBe('/phpmyadmin/?route=/sql');
  });

  it('proxies /phpmyadmin/ to the https upstream: path and query mapped, forwarding headers set', async () => {
    const res = await request(`${https}/phpmyadmin/index.php?route=/sql&db=a%20b`, { headers: { 'X-Forwarded-For': '203.0.113.9' } });
    expect(res.status).toBe(200);
    const echo = JSON.parse(res.body) as Echo;
    expect(echo.url).toBe('/index.php?route=/sql&db=a%20b');
    expect(echo.headers.host).toBe(`127.0.0.1:${nginx.ports.https}`);
    expect(echo.headers['x-forwarded-proto']).toBe('https');
    expect(echo.headers['x-forwarded-host']).toBe(`127.0.0.1:${nginx.ports.https}`);
    expect(echo.headers['x-forwarded-port']).toBe(String(nginx.ports.https));
    expect(echo.headers['x-forwarded-prefix']).toBe('/phpmyadmin');
    expect(echo.headers['x-real-ip']).toBe('127.0.0.1');
    expect(echo.headers['x-forwarded-for']).toBe('203.0.113.9, 127.0.0.1');

    const root = JSON.parse((await request(`${https}/phpmyadmin/`)).body) as Echo;
    expect(root.url).toBe('/');
  });

  it('forwards a POST body (the login form)', async () => {
    const body = 'pma_username=wp&pma_password=p%40ss&server=1';
    const res = await request(`${https}/phpmyadmin/index.php?route=/`, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    const echo = JSON.parse(res.body) as Echo;
    expect(echo.method).toBe('POST');
    expect(echo.body).toBe(body);
  });

  it('rewrites cookie paths under /phpmyadmin/', async () => {
    const res = await request(`${https}/phpmyadmin/`);
    expect(res.headers['set-cookie']).toEqual([
      'session=abc; Path=/phpmyadmin/; HttpOnly; Secure',
      'deep=1; Path=/phpmyadmin/sub/dir',
      'kept=1; Path=/phpmyadmin/',
    ]);
  });

  it("brings the upstream's redirects back under /phpmyadmin/", async () => {
    const cases: [string, string][] = [
      ['/phpmyadmin/redirect-absolute', '/phpmyadmin/index.php?x=1'],
      ['/phpmyadmin/redirect-root', '/phpmyadmin/index.php?y=2'],
      ['/phpmyadmin/redirect-prefixed', '/phpmyadmin/index.php?z=3'],
      // Another site is left alone.
      ['/phpmyadmin/redirect-foreign', 'https://docs.example.org/manual'],
    ];
    for (const [path, location] of cases) {
      const res = await request(`${https}${path}`);
      expect({ path, status: res.status, location: res.headers.location }).toEqual({ path, status: 302, location });
    }
  });

  it('reports nginx ready with its three checks passing', async () => {
    await expect
      .poll(
        async () => {
          const body = JSON.parse((await nginx.agent.get('/readyz')).body) as { checks: { name: string; ok: boolean }[] };
          return body.checks.map((c) => `${c.name}:${c.ok}`).sort();
        },
        { timeout: 30_000 },
      )
      .toEqual(['http-redirect:true', 'https:true', 'ssh:true']);
  });
});
