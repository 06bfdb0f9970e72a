/**
 * GET of a daemon's loopback status page (nginx stub_status, php-fpm status) with a short deadline.
 * node:http rather than fetch(): the first fetch() loads undici into the agent, about 18 MB of RSS
 * (measured: a node process after one http.get 44 MB, after one fetch 62 MB) for one GET a round.
 */
import http from 'node:http';

/** Enough for either page; a longer answer is cut, not buffered without bound. */
const MAX_BODY_CHARS = 64 * 1024;

export function fetchStatusPage(url: string, timeoutMs = 3_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { signal: AbortSignal.timeout(timeoutMs), agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (body.length < MAX_BODY_CHARS) body += chunk;
      });
      res.on('error', reject);
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status < 200 || status >= 300) reject(new Error(`GET ${url}: status ${status}`));
        else resolve(body);
      });
    });
    req.on('error', (err) => reject(new Error(`GET ${url}: ${err.message}`, { cause: err })));
  });
}
