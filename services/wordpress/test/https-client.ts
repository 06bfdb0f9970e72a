/** A tiny HTTPS client for the tests: self-signed certificates accepted, cookies kept per jar. */
import https from 'node:https';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export class CookieJar {
  readonly cookies = new Map<string, string>();
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  take(setCookie: string | string[] | undefined): void {
    for (const line of [setCookie ?? []].flat()) {
      const [pair] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (!pair || eq < 1) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      // WordPress clears cookies with a past expiry and a blank value.
      if (value === '' || value === 'deleted' || /expires=Thu, 01-Jan-1970|Max-Age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  names(): string[] {
    return [...this.cookies.keys()];
  }
}

export function request(url: string, options: { method?: string; form?: Record<string, string>; jar?: CookieJar } = {}): Promise<Answer> {
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
  const headers: Record<string, string> = { 'user-agent': 'ft-wordpress-test' };
  if (body !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  const cookie = options.jar?.header();
  if (cookie) headers.cookie = cookie;
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: options.method ?? (body ? 'POST' : 'GET'), headers, rejectUnauthorized: false, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        options.jar?.take(res.headers['set-cookie']);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout: ${url}`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Logs in through wp-login.php as a browser does (the test cookie set); returns the answer and the jar. */
export async function logIn(site: string, login: string, password: string): Promise<{ answer: Answer; jar: CookieJar }> {
  const jar = new CookieJar();
  await request(`${site}/wp-login.php`, { jar });
  jar.cookies.set('wordpress_test_cookie', 'WP%20Cookie%20check');
  const answer = await request(`${site}/wp-login.php`, {
    jar,
    form: { log: login, pwd: password, 'wp-submit': 'Log In', redirect_to: `${site}/wp-admin/`, testcookie: '1' },
  });
  return { answer, jar };
}
