/**
 * No injection through a setting: each setting this service renders is given a line break and a
 * directive of the config's own format, once through the environment (the validators refuse it,
 * exit 78 naming it) and once past the validators (the renderer refuses it, naming the template and
 * the setting). Run against the service's real templates, one config format at a time.
 */
import { describe, expect, it } from 'vitest';
import { type EnvShape, type PlatformData, type ServiceDefinition } from '@ft/agent';
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
const SECRETS = ['PMA_BLOWFISH_SECRET'];
const def = phpmyadmin as unknown as ServiceDefinition<EnvShape, PlatformData>;

describe.each(['alpine', 'debian'] as const)('phpMyAdmin configs on %s: no injection through a setting', (platform) => {
  it('nginx.conf', async () => {
    expect(await injectionRefusals(def, ENV, platform, ['nginx.conf'], 'autoindex on;', SECRETS)).toMatchObject({
      AGENT_RUN_DIR: 'nginx.conf',
      LISTEN_HOST: 'nginx.conf',
      PHPMYADMIN_PORT: 'nginx.conf',
      STATUS_PORT: 'nginx.conf',
    });
  });

  it('the php-fpm pool', async () => {
    expect(await injectionRefusals(def, ENV, platform, ['php-fpm.conf'], 'php_admin_value[open_basedir] = /', SECRETS)).toEqual({ AGENT_RUN_DIR: 'php-fpm.conf' });
  });

  it("phpMyAdmin's PHP config", async () => {
    expect(await injectionRefusals(def, ENV, platform, ['config.inc.php'], "$cfg['AllowArbitraryServer'] = true;", SECRETS)).toEqual({
      AGENT_RUN_DIR: 'config.inc.php',
      MYSQL_HOST: 'config.inc.php',
      MYSQL_PORT: 'config.inc.php',
    });
  });
});
