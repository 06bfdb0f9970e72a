import { describe, expect, it } from 'vitest';
import { probeInjection, renderServiceTemplates } from '@ft/agent';
import { mysql } from './service.js';

const env = {
  MYSQL_ROOT_PASSWORD: 'root-secret-1',
  WORDPRESS_DB_PASSWORD: 'wp-secret-1',
  AGENT_RUN_DIR: '/run/ft',
};

describe('my.cnf', () => {
  it.each(['alpine', 'debian'] as const)('renders on %s with networking on, the data dir and run-time paths, and no secret', async (platform) => {
    const [file, ...rest] = await renderServiceTemplates(mysql, env, platform);
    expect(rest).toEqual([]);
    expect(file?.spec.target).toBe('/run/ft/my.cnf');
    const text = file?.content ?? '';
    expect(text).toMatch(/^skip-networking = 0$/m);
    expect(text).toMatch(/^bind-address = 0\.0\.0\.0$/m);
    expect(text).toMatch(/^port = 3306$/m);
    expect(text).toMatch(/^datadir = \/var\/lib\/mysql$/m);
    expect(text).toMatch(/^socket = \/run\/ft\/mysqld\/mysqld\.sock$/m);
    expect(text).toMatch(/^innodb_flush_log_at_trx_commit = 1$/m);
    expect(text).not.toContain('secret');
  });

  it('follows LISTEN_HOST, MYSQL_PORT and MYSQL_DATA_DIR', async () => {
    const [file] = await renderServiceTemplates(mysql, { ...env, LISTEN_HOST: '127.0.0.1', MYSQL_PORT: '3307', MYSQL_DATA_DIR: '/data/db' }, 'debian');
    expect(file?.content).toMatch(/^bind-address = 127\.0\.0\.1$/m);
    expect(file?.content).toMatch(/^port = 3307$/m);
    expect(file?.content).toMatch(/^datadir = \/data\/db$/m);
  });
});

describe('my.cnf: no injection through a setting', () => {
  // Every setting my.cnf carries, plus the passwords (never rendered, so never a way in).
  const full = {
    ...env,
    AGENT_POD_NAME: 'mysql-0',
    LISTEN_HOST: '127.0.0.1',
    MYSQL_PORT: '3307',
    MYSQL_DATA_DIR: '/data/db',
    WORDPRESS_DB_NAME: 'wordpress',
    WORDPRESS_DB_USER: 'wordpress',
  };

  it.each(['alpine', 'debian'] as const)(
    'a line break plus init-file= is refused in every setting, by its validator and again by the renderer (%s)',
    async (platform) => {
      const outcomes = await probeInjection(mysql, full, platform, { directive: 'init-file = /tmp/evil.sql' });
      expect(outcomes.map((o) => o.setting).sort()).toEqual(Object.keys(full).sort());
      for (const o of outcomes) {
        expect(o.injectedInto, o.setting).toEqual([]);
        if (!['MYSQL_ROOT_PASSWORD', 'WORDPRESS_DB_PASSWORD'].includes(o.setting)) expect(o.refusedBySetting, o.setting).toBe(true);
      }
      const rendered = Object.fromEntries(outcomes.filter((o) => o.refusedByRenderer).map((o) => [o.setting, o.refusedByRenderer]));
      expect(rendered).toEqual({
        AGENT_RUN_DIR: { template: 'my.cnf', variable: 'paths.socket', setting: 'AGENT_RUN_DIR' },
        MYSQL_DATA_DIR: { template: 'my.cnf', variable: 'MYSQL_DATA_DIR', setting: 'MYSQL_DATA_DIR' },
        LISTEN_HOST: { template: 'my.cnf', variable: 'LISTEN_HOST', setting: 'LISTEN_HOST' },
        MYSQL_PORT: { template: 'my.cnf', variable: 'MYSQL_PORT', setting: 'MYSQL_PORT' },
      });
    },
  );
});
