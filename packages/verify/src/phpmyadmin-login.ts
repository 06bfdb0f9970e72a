/** phpMyAdmin's cookie login form, filled in and posted as a person would. */
import { Browser, type BrowserOptions, type Page } from './browser.js';

/** The value of a hidden input of the page. */
export function hiddenInput(body: string, name: string): string {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(body);
  if (!match?.[1]) throw new Error(`no hidden input ${name} in the page`);
  return match[1];
}

/** True when the page holds phpMyAdmin's login form. */
export function hasLoginForm(body: string): boolean {
  return body.includes('name="pma_username"');
}

/**
 * Opens the start page (browser.base), fills in the form with its token and session, posts it.
 * Returns the answer to the post (not followed): 302 when the login was accepted.
 */
export async function submitLogin(browser: Browser, user: string, password: string): Promise<Page> {
  const form = await browser.open(browser.base);
  if (!hasLoginForm(form.body)) throw new Error(`no login form at ${form.url.href} (status ${form.status})`);
  const action = /<form method="post" id="login_form" action="([^"]*)"/.exec(form.body)?.[1];
  if (!action) throw new Error('the login form has no action');
  return browser.post(new URL(action.replace(/&amp;/g, '&'), form.url), {
    route: '/',
    lang: 'en',
    token: hiddenInput(form.body, 'token'),
    set_session: hiddenInput(form.body, 'set_session'),
    server: '1',
    pma_username: user,
    pma_password: password,
  });
}

export interface PhpmyadminSession {
  browser: Browser;
  /** The start page after the login (holds the token further requests need). */
  home: Page;
  answer: Page;
}

/** Logged in to phpMyAdmin at `base` (https://IP:5000/ or https://IP/phpmyadmin/); throws when refused. */
export async function phpmyadminLogin(base: string, user: string, password: string, options: BrowserOptions = {}): Promise<PhpmyadminSession> {
  const browser = new Browser(new URL(base), options);
  const answer = await submitLogin(browser, user, password);
  if (answer.status !== 302) {
    // phpMyAdmin shows the login form again with MySQL's refusal in it: its own words first.
    const error = [/Access denied[^<]*/, /mysqli::real_connect\(\)[^<]*/, /Cannot log in to the MySQL server[^<]*/]
      .map((pattern) => pattern.exec(answer.body)?.[0])
      .find((found) => found !== undefined)
      ?.replace(/&#039;/g, "'")
      .trim();
    throw new Error(`phpMyAdmin login as ${user} answered ${answer.status}${error ? `: ${error}` : ''}`);
  }
  const home = await browser.open(new URL(answer.location ?? '', answer.url));
  return { browser, home, answer };
}

/** One statement typed in phpMyAdmin's SQL tab (the import route, as its page posts it). */
export async function phpmyadminSql(session: { browser: Browser; home: Page }, db: string, sql: string): Promise<{ success: boolean; body: string }> {
  const answer = await session.browser.post('index.php?route=/import', {
    token: hiddenInput(session.home.body, 'token'),
    server: '1',
    db,
    ajax_request: 'true',
    sql_query: sql,
  });
  const parsed = JSON.parse(answer.body) as { success?: boolean };
  return { success: parsed.success === true, body: answer.body };
}
