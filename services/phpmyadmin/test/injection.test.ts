// No injection through a setting (what is proven and how: @ft/testkit's injectionRefusals).
import { describe, expect, it } from 'vitest';
import { injectionRefusals } from '@ft/testkit/expect';
import { phpmyadmin } from '../src/service.js';

const ENV = {
  PMA_BLOWFISH_SECRET: 'a-blowfish-secret-of-32-characters-or-more',
  MYSQL_HOST: 'mysql',
  MYSQL_PORT: '3306',
  PHPMYADMIN_PORT: '5000',
  LISTEN_HOST: '0.0.0.0',
  STATUS_PORT: '8183',
  AGENT_RUN_DIR: '/run/ft',
  AGENT_POD_NAME: 'phpmyadmin-0',
};

describe.each(['alpine', 'debian'] as const)('phpMyAdmin configs on %s: no injection through a setting', (platform) => {
  it('nginx.conf', async () => {
    expect(await injectionRefusals(phpmyadmin, ENV, platform, ['nginx.conf'], 'autoindex on;')).toMatchObject({
      AGENT_RUN_DIR: 'nginx.conf',
      LISTEN_HOST: 'nginx.conf',
      PHPMYADMIN_PORT: 'nginx.conf',
      STATUS_PORT: 'nginx.conf',
    });
  });

  it('the php-fpm pool', async () => {
    expect(await injectionRefusals(phpmyadmin, ENV, platform, ['php-fpm.conf'], 'php_admin_value[open_basedir] = /')).toEqual({
      AGENT_RUN_DIR: 'php-fpm.conf',
    });
  });

  it("phpMyAdmin's PHP config", async () => {
    expect(await injectionRefusals(phpmyadmin, ENV, platform, ['config.inc.php'], "$cfg['AllowArbitraryServer'] = true;")).toEqual({
      AGENT_RUN_DIR: 'config.inc.php',
      MYSQL_HOST: 'config.inc.php',
      MYSQL_PORT: 'config.inc.php',
    });
  });
});
