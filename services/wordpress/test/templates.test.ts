/**
 * The templates as the agent renders them on both platforms: valid PHP, secrets
 * with quotes and backslashes surviving exactly, and the image's wp-config link agreeing with the
 * agent's path. (nginx and php-fpm load the rendered files for real in wordpress.test.ts.)
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { renderServiceTemplates, type RenderedFile } from '@ft/agent';
import { describe, expect, it } from 'vitest';
import { wordpress } from '../src/service.js';
import { renderedConfigPath } from '../src/paths.js';
import { USERS, makeSalts } from './support.js';

const exec = promisify(execFile);

const env = {
  AGENT_RUN_DIR: '/run/ft',
  EXTERNAL_HOST: '192.168.49.20',
  WORDPRESS_DB_PASSWORD: `it's a "pass" \\ with $dollar`,
  WORDPRESS_USERS: JSON.stringify(USERS),
  ...makeSalts(),
  WORDPRESS_NONCE_SALT: `salt with ' and \\ and "quotes" and $x {$y} 1234567890`,
};

function file(files: RenderedFile[], source: string): RenderedFile {
  const found = files.find((f) => f.spec.source === source);
  if (!found) throw new Error(`${source} not rendered`);
  return found;
}

async function phpReads(config: string, expression: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ft-wpconf-'));
  try {
    const target = path.join(dir, 'wp-config.php');
    // Without the final require of wp-settings.php, which needs a whole WordPress.
    await writeFile(target, config.replace("require_once ABSPATH . 'wp-settings.php';", ''));
    await exec('php', ['-l', target]);
    return (await exec('php', ['-r', `require ${JSON.stringify(target)}; echo ${expression};`])).stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe.each(['alpine', 'debian'] as const)('templates on %s', (platform) => {
  it('render a wp-config PHP reads back exactly, and nginx/php-fpm configs', async () => {
    const files = await renderServiceTemplates(wordpress, env, platform);
    const config = file(files, 'wp-config.php');
    expect(config.spec.target).toBe('/run/ft/wordpress/wp-config.php');
    expect(config.spec.mode).toBe(0o640);
    expect(await phpReads(config.content, 'DB_PASSWORD')).toBe(env.WORDPRESS_DB_PASSWORD);
    expect(await phpReads(config.content, 'NONCE_SALT')).toBe(env.WORDPRESS_NONCE_SALT);
    expect(await phpReads(config.content, 'DB_HOST . "|" . $table_prefix . "|" . ABSPATH')).toBe(
      `mysql:3306|wp_|${platform === 'alpine' ? '/usr/share/webapps/wordpress/' : '/usr/share/wordpress/'}`,
    );
    expect(config.content.includes("require_once ABSPATH . 'wp-settings.php';")).toBe(platform === 'alpine');
    const nginx = file(files, 'nginx.conf').content;
    expect(nginx).toContain('listen 0.0.0.0:5050 ssl;');
    expect(nginx.includes('fastcgi_param WORDPRESS_CONFIG ft-')).toBe(platform === 'debian');
    expect(files.some((f) => f.spec.source === 'debian-config.php')).toBe(platform === 'debian');
  });

  it('render the page micro-cache and the fixed php-fpm pool', async () => {
    const files = await renderServiceTemplates(wordpress, env, platform);
    const nginx = file(files, 'nginx.conf').content;
    expect(nginx).toContain('fastcgi_cache_path /run/ft/nginx/page-cache ');
    expect(nginx).toContain('fastcgi_cache_bypass $wp_skip_cache;');
    expect(nginx).toContain('fastcgi_no_cache $wp_skip_cache;');
    expect(nginx).toContain('add_header X-Cache-Status $upstream_cache_status always;');
    // Set-Cookie and Cache-Control from WordPress keep an answer out of the cache: never ignored.
    expect(nginx).not.toMatch(/^\s*fastcgi_ignore_headers/m);
    const fpm = file(files, 'php-fpm.conf').content;
    expect(fpm).toMatch(/^pm = static$/m);
    expect(fpm).toMatch(/^pm.max_children = 4$/m);
    const sized = await renderServiceTemplates(wordpress, { ...env, PHP_FPM_MAX_CHILDREN: '9' }, platform);
    expect(file(sized, 'php-fpm.conf').content).toMatch(/^pm.max_children = 9$/m);
  });
});

describe('the image', () => {
  it('links wp-config.php to where the agent renders it under the default run dir', async () => {
    const dockerfile = await readFile(new URL('../Dockerfile', import.meta.url), 'utf8');
    expect(dockerfile).toContain(`ln -s ${renderedConfigPath('/run/ft')} /usr/share/webapps/wordpress/wp-config.php`);
    expect(dockerfile).toMatch(/sha1sum -c -/);
  });
});
