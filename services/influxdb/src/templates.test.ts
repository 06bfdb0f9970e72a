import { describe, expect, it } from 'vitest';
import { renderServiceTemplates } from '@ft/agent';
import { influxdb } from './main.js';

const env = {
  AGENT_RUN_DIR: '/run/ft',
  INFLUXDB_DATA_DIR: '/var/lib/influxdb/',
  INFLUXDB_ADMIN_PASSWORD: 'admin-secret',
  INFLUXDB_WRITE_PASSWORD: 'write-secret',
  INFLUXDB_READ_PASSWORD: 'read-secret',
};

describe('influxdb.conf', () => {
  it.each(['alpine', 'debian'] as const)('renders for %s: auth on, the public port, paths on the volume', async (platform) => {
    const [file, ...more] = await renderServiceTemplates(influxdb, env, platform);
    expect(more).toEqual([]);
    expect(file?.spec.target).toBe('/run/ft/influxdb/influxdb.conf');
    const conf = file?.content ?? '';
    expect(conf).toMatch(/^\s*auth-enabled = true$/m);
    expect(conf).toMatch(/^\s*bind-address = "0\.0\.0\.0:8086"$/m);
    expect(conf).toMatch(/^bind-address = "127\.0\.0\.1:8088"$/m);
    expect(conf).toContain('dir = "/var/lib/influxdb/meta"');
    expect(conf).toContain('wal-dir = "/var/lib/influxdb/wal"');
    expect(conf).toMatch(/^\s*wal-fsync-delay = "0s"$/m);
    expect(conf).toMatch(/^reporting-disabled = true$/m);
    // Nothing secret in a file any user of the container may read.
    for (const secret of ['admin-secret', 'write-secret', 'read-secret']) expect(conf).not.toContain(secret);
  });

  it('binds an IPv6 LISTEN_HOST in brackets', async () => {
    const [file] = await renderServiceTemplates(influxdb, { ...env, LISTEN_HOST: '::', INFLUXDB_PORT: '9999' }, 'debian');
    expect(file?.content).toMatch(/^\s*bind-address = "\[::\]:9999"$/m);
  });
});
