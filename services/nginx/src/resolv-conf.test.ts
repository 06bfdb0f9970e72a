import { describe, expect, it } from 'vitest';
import { nginxResolverAddresses, parseResolvConf } from './resolv-conf.js';

describe('parseResolvConf', () => {
  it("reads a Kubernetes pod's resolv.conf", () => {
    const conf = parseResolvConf('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
    expect(conf).toEqual({ nameservers: ['10.96.0.10'], search: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'] });
    expect(nginxResolverAddresses(conf)).toBe('10.96.0.10');
  });

  it('brackets IPv6 servers, skips zone-scoped ones and comments, lets the last search line win', () => {
    const conf = parseResolvConf(
      '# local\nnameserver 127.0.0.53 # stub\nnameserver fd00::10\nnameserver fe80::1%eth0\ndomain lan\nsearch a.example b.example\n',
    );
    expect(conf.nameservers).toEqual(['127.0.0.53', 'fd00::10']);
    expect(conf.search).toEqual(['a.example', 'b.example']);
    expect(nginxResolverAddresses(conf)).toBe('127.0.0.53 [fd00::10]');
  });

  it('gives nothing for an empty file', () => {
    expect(nginxResolverAddresses(parseResolvConf(''))).toBe('');
  });
});
