/** Signing in to WordPress through wp-login.php as a browser does. */
import { Browser, type BrowserOptions, type Page } from './browser.js';

export interface WordpressLogin {
  /** 302 with a logged-in cookie: the password was accepted. */
  ok: boolean;
  answer: Page;
  browser: Browser;
}

/**
 * Logs in at `site` (e.g. https://IP:5050): WordPress's test cookie set as its page script would,
 * the form posted with redirect_to wp-admin. Returns the answer to the post (not followed).
 */
export async function wordpressLogin(site: string, login: string, password: string, options: BrowserOptions = {}): Promise<WordpressLogin> {
  const browser = new Browser(new URL(`${site}/`), options);
  await browser.get(`${site}/wp-login.php`);
  browser.setCookie('wordpress_test_cookie', 'WP%20Cookie%20check');
  const answer = await browser.post(`${site}/wp-login.php`, {
    log: login,
    pwd: password,
    'wp-submit': 'Log In',
    redirect_to: `${site}/wp-admin/`,
    testcookie: '1',
  });
  const ok = answer.status === 302 && browser.cookieNames().some((n) => n.startsWith('wordpress_logged_in_'));
  return { ok, answer, browser };
}

/** WordPress's own message on the login page (wrong password, cookies blocked, ...), as text. */
export function loginError(page: Page): string {
  const html = /<div id="login_error"[^>]*>([\s\S]*?)<\/div>/.exec(page.body)?.[1];
  return html
    ? html
        .replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ')
        .trim()
    : `status ${page.status}`;
}
