/** Signing in to WordPress as a browser does, with testkit's Browser (cookies kept per browser). */
import { Browser, type Page } from '@ft/testkit';

/** Logs in through wp-login.php (the test cookie set); returns the answer to the post and the browser. */
export async function logIn(site: string, login: string, password: string): Promise<{ answer: Page; browser: Browser }> {
  const browser = new Browser(new URL(`${site}/`));
  await browser.get(`${site}/wp-login.php`);
  browser.setCookie('wordpress_test_cookie', 'WP%20Cookie%20check');
  const answer = await browser.post(`${site}/wp-login.php`, {
    log: login,
    pwd: password,
    'wp-submit': 'Log In',
    redirect_to: `${site}/wp-admin/`,
    testcookie: '1',
  });
  return { answer, browser };
}
