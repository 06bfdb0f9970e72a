/**
 * The HTTP checks against servers whose answers each test sets: SPEC's answer passes, every
 * other one fails with the code and a message that says what was found.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@ft/testkit';
import { runChecks } from '../run-checks.js';
import { startTestServers, type TestServers } from '../../test/test-servers.js';
import type { CheckName, CheckResult, VerifySecrets } from '../types.js';

const SECRETS: VerifySecrets = {
  ssh: { user: 'someone', password: 'ssh-secret-1' },
  ftp: { user: 'someone', password: 'ftp-secret-1' },
  wordpress: { dbUser: 'wordpress', dbPassword: 'db-secret-1', users: [{ login: 'admin', password: 'wp-secret-1', role: 'administrator' }] },
  grafana: { admin: { user: 'admin', password: 'grafana-secret-1' } },
};

const WORDPRESS_PAGE = '<html><link href="/wp-content/themes/x.css"><body>Hello</body></html>';
const PMA_PAGE = '<html><title>phpMyAdmin</title><form><input name="pma_username"></form></html>';

let servers: TestServers;
beforeAll(async () => {
  servers = await startTestServers();
});
afterAll(async () => {
  await servers.close();
});

/** Every web port on the https server, 80 on the http one. */
async function check(name: CheckName, ports: Record<string, number> = {}): Promise<CheckResult> {
  const [result] = await runChecks(
    {
      address: '127.0.0.1',
      ports: {
        http: servers.httpPort,
        https: servers.httpsPort,
        wordpress: servers.httpsPort,
        phpmyadmin: servers.httpsPort,
        grafana: servers.httpsPort,
        ...ports,
      },
    },
    { secrets: SECRETS, only: [name], timeoutMs: 10_000 },
  );
  if (!result) throw new Error(`no result for ${name}`);
  return result;
}

describe('http-redirect', () => {
  it('passes on 301 to https, same host and path', async () => {
    servers.handle((req, res) => res.writeHead(301, { location: `https://127.0.0.1:${servers.httpsPort}${req.url}` }).end());
    const result = await check('http-redirect');
    expect(result, result.message).toMatchObject({ status: 'pass' });
    expect(result.message).toContain('/some/path?q=1');
  });

  it('fails on a 302', async () => {
    servers.handle((req, res) => res.writeHead(302, { location: `https://127.0.0.1:${servers.httpsPort}${req.url}` }).end());
    expect(await check('http-redirect')).toMatchObject({
      status: 'fail',
      code: 'FT_VERIFY_STATUS',
      message: expect.stringContaining('answered 302, expected 301'),
    });
  });

  it('fails when the path is lost on the way', async () => {
    servers.handle((_req, res) => res.writeHead(301, { location: `https://127.0.0.1:${servers.httpsPort}/` }).end());
    expect(await check('http-redirect')).toMatchObject({ status: 'fail', code: 'FT_VERIFY_LOCATION', message: expect.stringContaining('redirects to') });
  });

  it('fails, naming the URL, when nothing listens', async () => {
    const port = await freePort();
    const result = await check('http-redirect', { http: port });
    expect(result).toMatchObject({ status: 'fail', code: 'FT_VERIFY_UNREACHABLE' });
    expect(result.message).toContain(`http://127.0.0.1:${port}/`);
    expect(result.message).toContain('ECONNREFUSED');
  });
});

describe('https-page', () => {
  it('passes on a 200 page over TLS and says which TLS', async () => {
    servers.handle((_req, res) => res.writeHead(200).end('<html>welcome</html>'));
    expect(await check('https-page')).toMatchObject({ status: 'pass', message: expect.stringMatching(/200 over TLSv1\.[23]/) });
  });

  it('fails on an error page', async () => {
    servers.handle((_req, res) => res.writeHead(502).end('<html><h1>502 Bad Gateway</h1></html>'));
    expect(await check('https-page')).toMatchObject({
      status: 'fail',
      code: 'FT_VERIFY_STATUS',
      message: expect.stringContaining('answered 502, expected 200: 502 Bad Gateway'),
    });
  });

  it('fails when the port speaks plain http', async () => {
    servers.handle((_req, res) => res.writeHead(200).end('plain'));
    expect(await check('https-page', { https: servers.httpPort })).toMatchObject({ status: 'fail', code: 'FT_VERIFY_UNREACHABLE' });
  });
});

describe('wordpress-redirect', () => {
  const site = (): string => `https://127.0.0.1:${servers.httpsPort}`;

  it('passes on 307 to the WordPress port, and WordPress answers there', async () => {
    servers.handle((req, res) => (req.url === '/wordpress' ? res.writeHead(307, { location: `${site()}/` }).end() : res.writeHead(200).end(WORDPRESS_PAGE)));
    expect(await check('wordpress-redirect')).toMatchObject({ status: 'pass', message: expect.stringContaining('307 to') });
  });

  it('fails on a 301', async () => {
    servers.handle((_req, res) => res.writeHead(301, { location: `${site()}/` }).end());
    expect(await check('wordpress-redirect')).toMatchObject({
      status: 'fail',
      code: 'FT_VERIFY_STATUS',
      message: expect.stringContaining('answered 301, expected 307'),
    });
  });

  it('fails on a redirect to another port', async () => {
    servers.handle((_req, res) => res.writeHead(307, { location: 'https://127.0.0.1:5051/' }).end());
    expect(await check('wordpress-redirect')).toMatchObject({
      status: 'fail',
      code: 'FT_VERIFY_LOCATION',
      message: expect.stringContaining('redirects to https://127.0.0.1:5051/'),
    });
  });

  it('fails when the page there is not WordPress', async () => {
    servers.handle((req, res) =>
      req.url === '/wordpress' ? res.writeHead(307, { location: `${site()}/` }).end() : res.writeHead(200).end('<html>It works!</html>'),
    );
    expect(await check('wordpress-redirect')).toMatchObject({ status: 'fail', code: 'FT_VERIFY_CONTENT', message: expect.stringContaining('It works!') });
  });
});

describe('phpmyadmin-proxy and the TLS sites', () => {
  it("pass on phpMyAdmin's login page and WordPress's front page", async () => {
    servers.handle((req, res) => res.writeHead(200).end(req.url === '/phpmyadmin/' || req.url === '/' ? `${PMA_PAGE}${WORDPRESS_PAGE}` : ''));
    expect(await check('phpmyadmin-proxy')).toMatchObject({ status: 'pass' });
    expect(await check('phpmyadmin-tls')).toMatchObject({ status: 'pass' });
    expect(await check('wordpress-tls')).toMatchObject({ status: 'pass', message: expect.stringMatching(/over TLSv1/) });
  });

  it('fail on a proxy error, and on another page', async () => {
    servers.handle((_req, res) => res.writeHead(502).end('Bad Gateway'));
    expect(await check('phpmyadmin-proxy')).toMatchObject({ status: 'fail', code: 'FT_VERIFY_STATUS' });
    servers.handle((_req, res) => res.writeHead(200).end('<html>Welcome to nginx!</html>'));
    expect(await check('phpmyadmin-proxy')).toMatchObject({ status: 'fail', code: 'FT_VERIFY_CONTENT', message: expect.stringContaining('Welcome to nginx!') });
    expect(await check('phpmyadmin-tls')).toMatchObject({ status: 'fail', code: 'FT_VERIFY_CONTENT' });
    expect(await check('wordpress-tls')).toMatchObject({ status: 'fail', code: 'FT_VERIFY_CONTENT' });
  });

  it('fail when the site port speaks plain http', async () => {
    servers.handle((_req, res) => res.writeHead(200).end(WORDPRESS_PAGE));
    expect(await check('wordpress-tls', { wordpress: servers.httpPort })).toMatchObject({ status: 'fail', code: 'FT_VERIFY_UNREACHABLE' });
  });
});

describe('grafana-login', () => {
  /** Grafana's /login page and its JSON login (POST /login), with the admin's password. */
  const grafana = (password: string) =>
    servers.handle((req, res, body) => {
      if (req.method === 'GET' && req.url === '/login') return void res.writeHead(200).end('<html><title>Grafana</title></html>');
      if (req.method === 'POST' && req.url === '/login') {
        const { user, password: given } = JSON.parse(body) as { user: string; password: string };
        return void (user === 'admin' && given === password
          ? res.writeHead(200).end('{"message":"Logged in"}')
          : res.writeHead(401).end('{"message":"Invalid username or password"}'));
      }
      res.writeHead(404).end();
    });

  it('passes over https and logs the admin in', async () => {
    grafana('grafana-secret-1');
    expect(await check('grafana-login')).toMatchObject({ status: 'pass', message: expect.stringMatching(/over TLSv1\.\d; admin logged in/) });
  });

  it('passes over plain http and says so', async () => {
    grafana('grafana-secret-1');
    expect(await check('grafana-login', { grafana: servers.httpPort })).toMatchObject({
      status: 'pass',
      message: expect.stringContaining('over plain http (SPEC asks for HTTPS)'),
    });
  });

  it('fails when the admin password is refused, without printing it', async () => {
    grafana('another-password');
    const result = await check('grafana-login');
    expect(result).toMatchObject({ status: 'fail', code: 'FT_VERIFY_LOGIN_REFUSED', message: expect.stringContaining('401') });
    expect(result.message).not.toContain('grafana-secret-1');
  });

  it('fails when nothing answers on the port', async () => {
    expect(await check('grafana-login', { grafana: await freePort() })).toMatchObject({
      status: 'fail',
      code: 'FT_VERIFY_UNREACHABLE',
      message: expect.stringContaining('ECONNREFUSED'),
    });
  });
});

describe('mysql-closed and influxdb-closed', () => {
  it('pass when nothing listens, fail naming the port when something does', async () => {
    const closed = await freePort();
    const [ok] = await runChecks({ address: '127.0.0.1', ports: { mysql: closed } }, { secrets: SECRETS, only: ['mysql-closed'] });
    expect(ok).toMatchObject({ status: 'pass', message: 'closed (connection refused)' });
    const [open] = await runChecks({ address: '127.0.0.1', ports: { influxdb: servers.httpPort } }, { secrets: SECRETS, only: ['influxdb-closed'] });
    expect(open).toMatchObject({
      status: 'fail',
      code: 'FT_VERIFY_PORT_OPEN',
      message: expect.stringContaining(`127.0.0.1:${servers.httpPort} accepts connections`),
    });
  });
});
