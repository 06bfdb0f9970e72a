/**
 * Installs the WordPress schema with WordPress's own installer, as wp-admin/install.php does:
 * php-cli loads wp-load.php with WP_INSTALLING and calls wp_install() from
 * wp-admin/includes/upgrade.php. Nothing here knows table definitions: WordPress creates them.
 */
import { execFile } from 'node:child_process';
import { asWordPressFormPassword } from './password.js';

export interface InstallerOptions {
  /** php-cli binary: `php` on Debian, `php84` on Alpine. */
  php: string;
  /** WordPress's directory (ABSPATH), holding wp-load.php. */
  wordpressDir: string;
  /** The site URL the request would have come to; sets HTTP_HOST and HTTPS for WordPress's guesses. */
  siteUrl: string;
  /** Extra $_SERVER entries, e.g. WORDPRESS_CONFIG for Debian's config loader. */
  server?: Readonly<Record<string, string>>;
  title: string;
  /** The first administrator, created by wp_install() itself. */
  admin: { login: string; email: string; password: string };
  /** Run php as this user (e.g. the web user). */
  uid?: number;
  gid?: number;
  /** Default 120 s: the installer creates a dozen tables and a few hundred option rows. */
  timeoutMs?: number;
}

export interface InstallerResult {
  /** False when WordPress found itself installed already (nothing was done). */
  installed: boolean;
  userId?: number;
}

const MARKER = 'FT_WP_INSTALL_RESULT ';

// PHP run with `php -r`; its input (including the password) arrives as JSON on stdin.
const PROGRAM = `
$in = json_decode(stream_get_contents(STDIN), true);
foreach ($in['server'] as $k => $v) { $_SERVER[$k] = $v; }
define('WP_INSTALLING', true);
require rtrim($in['wordpressDir'], '/') . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
// The site is not serving yet: no HTTP (the pretty-permalink probe) and no mail during install.
add_filter('pre_http_request', function () { return new WP_Error('ft_offline', 'no HTTP during install'); });
add_filter('pre_wp_mail', '__return_false');
if (is_blog_installed()) { echo "\\n${MARKER}", json_encode(['installed' => false]), "\\n"; exit(0); }
$result = wp_install($in['title'], $in['login'], $in['email'], true, '', $in['password']);
echo "\\n${MARKER}", json_encode(['installed' => true, 'userId' => (int) $result['user_id']]), "\\n";
`;

export async function runWordPressInstaller(options: InstallerOptions): Promise<InstallerResult> {
  const url = new URL(options.siteUrl);
  const server: Record<string, string> = {
    HTTP_HOST: url.host,
    SERVER_NAME: url.hostname,
    SERVER_PORT: url.port || (url.protocol === 'https:' ? '443' : '80'),
    REQUEST_URI: '/wp-admin/install.php',
    PHP_SELF: '/wp-admin/install.php',
    SCRIPT_NAME: '/wp-admin/install.php',
    SCRIPT_FILENAME: `${options.wordpressDir.replace(/\/+$/, '')}/wp-admin/install.php`,
    ...(url.protocol === 'https:' ? { HTTPS: 'on' } : {}),
    ...options.server,
  };
  const input = JSON.stringify({
    server,
    wordpressDir: options.wordpressDir,
    title: options.title,
    login: options.admin.login,
    email: options.admin.email,
    // Hashed as the login form will compare it (see asWordPressFormPassword).
    password: asWordPressFormPassword(options.admin.password),
  });
  const { stdout, stderr, code } = await runPhp(options, input);
  const line = stdout.split('\n').find((l) => l.startsWith(MARKER));
  if (code !== 0 || !line) {
    const output = `${stdout}\n${stderr}`.replace(/\s+/g, ' ').trim().slice(-600);
    throw new Error(`WordPress installer failed (exit ${code}): ${output || 'no output'}`);
  }
  return JSON.parse(line.slice(MARKER.length)) as InstallerResult;
}

function runPhp(options: InstallerOptions, input: string): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      options.php,
      ['-d', 'display_errors=stderr', '-r', PROGRAM],
      {
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: 4 * 1024 * 1024,
        // WordPress's code sees none of the agent's secrets (database password, salts, user list):
        // what it needs comes on stdin and from wp-config.
        env: { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin' },
        ...(options.uid !== undefined ? { uid: options.uid } : {}),
        ...(options.gid !== undefined ? { gid: options.gid } : {}),
      },
      (err, stdout, stderr) => {
        if (err && typeof (err as { code?: unknown }).code !== 'number') {
          reject(new Error(`cannot run ${options.php}: ${err.message.split('\n')[0]}`));
          return;
        }
        resolve({ stdout, stderr, code: err ? Number((err as { code?: unknown }).code) : 0 });
      },
    );
    child.stdin?.end(input);
  });
}
