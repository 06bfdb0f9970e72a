import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { renderServiceTemplates } from '@ft/agent';
import { phpString } from '@ft/php-site';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phpmyadmin } from './service.js';
import { blowfishKeyHex } from './template-vars.js';

const exec = promisify(execFile);
const SECRET = 'x'.repeat(40);
const env = {
  AGENT_RUN_DIR: '/run/ft',
  PMA_BLOWFISH_SECRET: SECRET,
  MYSQL_HOST: 'mysql',
  MYSQL_PORT: '3306',
  PHPMYADMIN_PORT: '5000',
};

/** Runs PHP code with the machine's PHP CLI (Debian's php8.2), printing JSON. */
async function php(code: string): Promise<unknown> {
  const { stdout } = await exec('php', ['-n', '-r', code]);
  return JSON.parse(stdout) as unknown;
}

describe('blowfishKeyHex', () => {
  it('is 32 bytes whatever the secret length, and depends on every character', () => {
    expect(Buffer.from(blowfishKeyHex(SECRET), 'hex')).toHaveLength(32);
    expect(Buffer.from(blowfishKeyHex('y'.repeat(500)), 'hex')).toHaveLength(32);
    expect(blowfishKeyHex(`${SECRET}a`)).not.toBe(blowfishKeyHex(`${SECRET}b`));
  });
});

describe('rendered templates', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ft-pma-unit-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(['alpine', 'debian'] as const)('render on %s with the platform paths', async (platform) => {
    const files = await renderServiceTemplates(phpmyadmin, env, platform);
    expect(files.map((f) => f.spec.target)).toEqual(['/run/ft/nginx.conf', '/run/ft/php-fpm.conf', '/run/ft/phpmyadmin/config.inc.php']);
    const nginx = files[0]?.content ?? '';
    expect(nginx).toContain(platform === 'alpine' ? 'root /usr/share/webapps/phpmyadmin;' : 'root /usr/share/phpmyadmin;');
    expect(nginx).toContain(platform === 'alpine' ? 'user nginx;' : 'user www-data;');
    expect(nginx).toContain('listen 0.0.0.0:5000 ssl;');
    expect(nginx).toContain('listen 127.0.0.1:8183;');
    expect(nginx).not.toMatch(/^\s*daemon\b/m);
    const fpm = files[1]?.content ?? '';
    expect(fpm).toContain('env[FT_PMA_CONFIG] = /run/ft/phpmyadmin/config.inc.php');
    expect(fpm).toContain('listen = /run/ft/php-fpm/php-fpm.sock');
  });

  it('listens on an IPv6 LISTEN_HOST in brackets', async () => {
    const files = await renderServiceTemplates(phpmyadmin, { ...env, LISTEN_HOST: '::' }, 'debian');
    expect(files[0]?.content).toContain('listen [::]:5000 ssl;');
  });

  it('gives phpMyAdmin one cookie-auth server, root refused, a 32-byte key, no secret in clear', async () => {
    const files = await renderServiceTemplates(phpmyadmin, { ...env, MYSQL_HOST: 'db.example', MYSQL_PORT: '3307' }, 'debian');
    const config = files[2]?.content ?? '';
    expect(config).not.toContain(SECRET);
    const file = path.join(dir, 'config.inc.php');
    await writeFile(file, config);
    // Debian's config.inc.php declares a server before our hook runs: ours replaces it.
    const cfg = (await php(
      `$cfg = ['Servers' => [1 => ['host' => 'localhost', 'controluser' => 'x'], 2 => ['host' => 'other']]]; require ${phpString(file)}; ` +
        `$cfg['blowfish_secret'] = bin2hex($cfg['blowfish_secret']); echo json_encode($cfg);`,
    )) as { Servers: Record<string, Record<string, unknown>>; blowfish_secret: string; PmaAbsoluteUri: string; TempDir: string };
    expect(cfg.Servers).toEqual({
      1: {
        verbose: 'MySQL',
        auth_type: 'cookie',
        host: 'db.example',
        port: '3307',
        connect_type: 'tcp',
        compress: false,
        AllowRoot: false,
        AllowNoPassword: false,
      },
    });
    expect(cfg.blowfish_secret).toBe(blowfishKeyHex(SECRET));
    expect(cfg.PmaAbsoluteUri).toBe('');
    expect(cfg.TempDir).toBe('/run/ft/phpmyadmin/tmp/');
  });

  it('the config hook loads the file named by FT_PMA_CONFIG and does nothing without it', async () => {
    const hook = fileURLToPath(new URL('../conf/config-hook.php', import.meta.url));
    const target = path.join(dir, 'instance.php');
    await writeFile(target, "<?php $cfg['Marker'] = 'instance';\n");
    const run = async (value: string | undefined): Promise<unknown> => {
      const { stdout } = await exec('php', ['-n', '-r', `$cfg = []; require ${phpString(hook)}; echo json_encode([$cfg, isset($ftPmaConfig)]);`], {
        env: { PATH: process.env.PATH, ...(value === undefined ? {} : { FT_PMA_CONFIG: value }) },
      });
      return JSON.parse(stdout) as unknown;
    };
    expect(await run(target)).toEqual([{ Marker: 'instance' }, false]);
    expect(await run(undefined)).toEqual([[], false]);
  });
});
