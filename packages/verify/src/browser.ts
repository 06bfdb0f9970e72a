/**
 * What a browser does that matters to the web tests: keeps cookies (by name and path), sends the
 * ones whose path matches, resolves links and redirects against the current URL, posts forms.
 * Accepts the platform's self-signed certificates. Redirects are followed only by `open`, so tests
 * can look at each one.
 */
import http from 'node:http';
import https from 'node:https';

export interface Page {
  url: URL;
  status: number;
  location: string | undefined;
  setCookies: string[];
  headers: http.IncomingHttpHeaders;
  body: string;
}

interface Cookie {
  value: string;
  path: string;
}

export interface BrowserOptions {
  /** Each request's deadline, ms (default 60 s). */
  timeoutMs?: number;
  /** Aborts every request of this browser (a check's deadline). */
  signal?: AbortSignal;
}

export class Browser {
  private readonly cookies = new Map<string, Cookie>();

  constructor(
    readonly base: URL,
    private readonly options: BrowserOptions = {},
  ) {}

  get(target: string | URL): Promise<Page> {
    return this.request('GET', target);
  }

  post(target: string | URL, form: Record<string, string>): Promise<Page> {
    return this.request('POST', target, new URLSearchParams(form).toString());
  }

  /** GET, then follow up to `max` redirects. */
  async open(target: string | URL, max = 5): Promise<Page> {
    let page = await this.get(target);
    for (let i = 0; i < max && page.location && page.status >= 300 && page.status < 400; i++) {
      page = await this.get(new URL(page.location, page.url));
    }
    return page;
  }

  /** Sets a cookie as a page's script would (WordPress's test cookie). */
  setCookie(name: string, value: string, path = '/'): void {
    this.cookies.set(`${name}\0${path}`, { value, path });
  }

  cookieNames(): string[] {
    return [...this.cookies.keys()].map((key) => key.split('\0')[0] ?? key);
  }

  private request(method: string, target: string | URL, body?: string): Promise<Page> {
    const url = new URL(target, this.base);
    const cookie = [...this.cookies.entries()]
      .filter(([, c]) => url.pathname.startsWith(c.path))
      .map(([key, c]) => `${key.split('\0')[0]}=${c.value}`)
      .join('; ');
    const headers: Record<string, string> = { 'user-agent': 'ft-services-test' };
    if (cookie) headers.cookie = cookie;
    if (body !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    const client = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const signal = this.options.signal ? { signal: this.options.signal } : {};
      const req = client.request(url, { method, headers, rejectUnauthorized: false, agent: false, ...signal }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const setCookies = res.headers['set-cookie'] ?? [];
          for (const line of setCookies) this.store(line, url);
          resolve({
            url,
            status: res.statusCode ?? 0,
            location: res.headers.location,
            setCookies,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      });
      const timeoutMs = this.options.timeoutMs ?? 60_000;
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${url.href}: no answer within ${timeoutMs / 1000} s`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  private store(line: string, url: URL): void {
    const [pair = '', ...attributes] = line.split(';').map((s) => s.trim());
    const eq = pair.indexOf('=');
    if (eq < 1) return;
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    let cookiePath = url.pathname.replace(/\/[^/]*$/, '/') || '/';
    // WordPress clears a cookie with a blank value and a past expiry; phpMyAdmin with 'deleted'.
    let expired = value === '' || value === 'deleted';
    for (const attribute of attributes) {
      const [key = '', val = ''] = attribute.split('=');
      const k = key.toLowerCase();
      if (k === 'path') cookiePath = val;
      if (k === 'max-age' && Number(val) <= 0) expired = true;
      if (k === 'expires' && Date.parse(val) < Date.now()) expired = true;
    }
    // A cleared cookie goes whatever path it was set for.
    if (expired) {
      for (const key of [...this.cookies.keys()]) if (key.startsWith(`${name}\0`)) this.cookies.delete(key);
    } else {
      this.cookies.set(`${name}\0${cookiePath}`, { value, path: cookiePath });
    }
  }
}
