import { describe, expect, it } from 'vitest';
import { renderServiceTemplates } from '@ft/agent';
import { mysql } from './main.js';

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
