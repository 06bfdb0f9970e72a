import { describe, expect, it } from 'vitest';
import { renderServiceTemplates } from '@ft/agent';
import { influxdb } from './service.js';

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

  it("alpine (1.13): /debug/vars, /debug/requests and /debug/pprof behind an admin's credentials", async () => {
    const [file] = await renderServiceTemplates(influxdb, env, 'alpine');
    const conf = file?.content ?? '';
    // influxd routes /debug/* through authentication (admin required) only when auth, pprof and
    // pprof-auth are all on (services/httpd/handler.go of 1.7.x and later).
    expect(conf).toMatch(/^\s*auth-enabled = true$/m);
    expect(conf).toMatch(/^\s*pprof-enabled = true$/m);
    expect(conf).toMatch(/^\s*pprof-auth-enabled = true$/m);
  });

  it('debian (1.6, which has no pprof-auth-enabled): pprof stays off, no option 1.6 does not know', async () => {
    const [file] = await renderServiceTemplates(influxdb, env, 'debian');
    const conf = file?.content ?? '';
    expect(conf).toMatch(/^\s*pprof-enabled = false$/m);
    expect(conf).not.toMatch(/pprof-auth-enabled/);
  });

  it('binds an IPv6 LISTEN_HOST in brackets', async () => {
    const [file] = await renderServiceTemplates(influxdb, { ...env, LISTEN_HOST: '::', INFLUXDB_PORT: '9999' }, 'debian');
    expect(file?.content).toMatch(/^\s*bind-address = "\[::\]:9999"$/m);
  });
});
