import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { localLayout } from './local-layout.js';
import { SERVICES } from '@ft/platform';

describe('localLayout', () => {
  const layout = localLayout({ stateDir: '/tmp/x/state', address: '127.0.0.2', internalAddress: '127.0.0.3' });
  const all = SERVICES.flatMap((s) => layout.services[s].listeners);

  it('gives no two listeners the same address and port', () => {
    const keys = all.map((l) => `${l.host}:${l.port}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('puts the public ports on the address, MySQL, InfluxDB and the agents on the internal one', () => {
    const at = (what: string) => all.find((l) => l.what === what);
    expect(at('nginx https')).toEqual({ host: '127.0.0.2', port: 443, what: 'nginx https' });
    for (const [what, port] of [
      ['nginx http', 80],
      ['sshd', 22],
      ['wordpress https', 5050],
      ['phpmyadmin https', 5000],
      ['vsftpd', 21],
      ['grafana', 3000],
    ] as const) {
      expect(at(what)).toEqual({ host: '127.0.0.2', port, what });
    }
    expect(all.filter((l) => l.what === 'vsftpd passive').map((l) => l.port)).toEqual([30000, 30001, 30002, 30003, 30004]);
    expect(at('mysql')?.host).toBe('127.0.0.3');
    expect(at('influxdb http')?.host).toBe('127.0.0.3');
    expect(SERVICES.map((s) => layout.services[s].agentPort)).toEqual([9181, 9182, 9183, 9184, 9185, 9186, 9187]);
  });

  it('gives two stacks different loopback status ports', () => {
    const other = localLayout({ stateDir: '/tmp/y', address: '127.0.0.4', internalAddress: '127.0.0.5' });
    const loopback = (l: typeof layout) =>
      SERVICES.flatMap((s) => l.services[s].listeners)
        .filter((x) => x.host === '127.0.0.1')
        .map((x) => x.port);
    expect(loopback(layout)).toHaveLength(4);
    for (const port of loopback(other)) expect(loopback(layout)).not.toContain(port);
  });

  it('keeps every file under the state dir', () => {
    const paths = [
      layout.logsDir,
      layout.statusFile,
      layout.launcherPid,
      layout.tlsCert,
      layout.sshHostKeyDir,
      ...Object.values(layout.dataDirs),
      ...SERVICES.flatMap((s) => [layout.services[s].runDir, layout.services[s].log]),
    ];
    for (const p of paths) expect(p.startsWith(`${path.resolve('/tmp/x/state')}/`)).toBe(true);
  });
});
