// No injection through a setting (what is proven and how: @ft/testkit's injectionRefusals).
import { describe, expect, it } from 'vitest';
import { injectionRefusals } from '@ft/testkit/expect';
import { wordpress } from '../src/service.js';
import { USERS, makeSalts } from './support.js';

const SALTS = makeSalts();
const ENV: Record<string, string> = {
  EXTERNAL_HOST: '192.168.49.20',
  WORDPRESS_PORT: '5050',
  LISTEN_HOST: '0.0.0.0',
  STATUS_PORT: '8182',
  MYSQL_HOST: 'mysql',
  MYSQL_PORT: '3306',
  WORDPRESS_DB_NAME: 'wordpress',
  WORDPRESS_DB_USER: 'wordpress',
  WORDPRESS_DB_PASSWORD: 'wp-db-password',
  WORDPRESS_TABLE_PREFIX: 'wp_',
  WORDPRESS_USERS: JSON.stringify(USERS),
  ...SALTS,
  AGENT_RUN_DIR: '/run/ft',
  AGENT_POD_NAME: 'wordpress-0',
};

describe.each(['alpine', 'debian'] as const)('WordPress configs on %s: no injection through a setting', (platform) => {
  it('nginx.conf', async () => {
    expect(await injectionRefusals(wordpress, ENV, platform, ['nginx.conf'], 'autoindex on;')).toMatchObject({
      AGENT_RUN_DIR: 'nginx.conf',
      LISTEN_HOST: 'nginx.conf',
      WORDPRESS_PORT: 'nginx.conf',
      STATUS_PORT: 'nginx.conf',
    });
  });

  it('the php-fpm pool', async () => {
    expect(await injectionRefusals(wordpress, ENV, platform, ['php-fpm.conf'], 'php_admin_value[open_basedir] = /')).toEqual({ AGENT_RUN_DIR: 'php-fpm.conf' });
  });

  it('wp-config.php, secrets included', async () => {
    expect(await injectionRefusals(wordpress, ENV, platform, ['wp-config.php'], "define('WP_DEBUG', true);")).toMatchObject({
      MYSQL_HOST: 'wp-config.php',
      MYSQL_PORT: 'wp-config.php',
      WORDPRESS_DB_NAME: 'wp-config.php',
      WORDPRESS_DB_USER: 'wp-config.php',
      WORDPRESS_DB_PASSWORD: 'wp-config.php',
      WORDPRESS_TABLE_PREFIX: 'wp-config.php',
      WORDPRESS_AUTH_KEY: 'wp-config.php',
    });
  });
});
