import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { networkCollector, parseNetDev } from './network.js';

const SAMPLE = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo:    3193      29    0    0    0     0          0         0     3193      29    0    0    0     0       0          0
  eth0: 350422855   10139    1    2    0     0          0         0   782786    5965    3    4    0     0       0          0
`;

describe('network', () => {
  it('parses /proc/net/dev into telegraf net fields', () => {
    expect(parseNetDev(SAMPLE)).toEqual([
      { interface: 'lo', bytes_recv: 3193, packets_recv: 29, err_in: 0, drop_in: 0, bytes_sent: 3193, packets_sent: 29, err_out: 0, drop_out: 0 },
      { interface: 'eth0', bytes_recv: 350422855, packets_recv: 10139, err_in: 1, drop_in: 2, bytes_sent: 782786, packets_sent: 5965, err_out: 3, drop_out: 4 },
    ]);
  });

  it('reports the real interfaces, lo only when asked', async () => {
    const names = parseNetDev(await readFile('/proc/net/dev', 'utf8')).map((c) => c.interface);
    const without = await networkCollector().collect();
    expect(without.map((p) => p.tags?.['interface'])).toEqual(names.filter((n) => n !== 'lo'));
    const withLo = await networkCollector({ includeLoopback: true, interfaces: ['lo'] }).collect();
    expect(withLo).toHaveLength(1);
    expect(withLo[0]?.measurement).toBe('net');
    expect(withLo[0]?.fields['bytes_recv']).toBeGreaterThanOrEqual(0);
    expect(Object.keys(withLo[0]?.fields ?? {}).sort()).toEqual([
      'bytes_recv',
      'bytes_sent',
      'drop_in',
      'drop_out',
      'err_in',
      'err_out',
      'packets_recv',
      'packets_sent',
    ]);
  });
});
