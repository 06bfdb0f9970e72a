import { describe, expect, it } from 'vitest';
import { authority, hostsPattern, resolveUpstream } from './upstream.js';

const k8s = { nameservers: ['10.96.0.10'], search: ['default.svc.cluster.local', 'svc.cluster.local'] };

describe('resolveUpstream', () => {
  it('qualifies a bare Service name with the first search domain, as the C library would', () => {
    expect(resolveUpstream('https://phpmyadmin:5000', k8s)).toEqual({
      origin: 'https://phpmyadmin.default.svc.cluster.local:5000',
      host: 'phpmyadmin.default.svc.cluster.local',
      aliases: ['phpmyadmin', 'phpmyadmin.default.svc.cluster.local'],
      https: true,
    });
  });

  it('leaves addresses and dotted names alone and turns localhost into the loopback address', () => {
    expect(resolveUpstream('https://127.0.0.1:5000', k8s).origin).toBe('https://127.0.0.1:5000');
    expect(resolveUpstream('https://pma.example.org:5000', k8s).origin).toBe('https://pma.example.org:5000');
    expect(resolveUpstream('http://localhost:8080', k8s)).toMatchObject({ origin: 'http://127.0.0.1:8080', https: false });
    expect(resolveUpstream('https://[::1]', k8s).origin).toBe('https://[::1]:443');
    expect(resolveUpstream('https://phpmyadmin:5000', { nameservers: [], search: [] }).host).toBe('phpmyadmin');
  });
});

describe('authority and hostsPattern', () => {
  it('leaves the default port out', () => {
    expect(authority('10.0.0.5', 443)).toBe('10.0.0.5');
    expect(authority('10.0.0.5', 5050)).toBe('10.0.0.5:5050');
    expect(authority('fd00::5', 5050)).toBe('[fd00::5]:5050');
    expect(authority('ftp.example', 21, 21)).toBe('ftp.example');
  });

  it('matches the hosts literally, nothing else', () => {
    const re = new RegExp(`^(?:${hostsPattern(['10.0.0.5', 'phpmyadmin', '10.0.0.5'])})$`);
    expect(re.test('10.0.0.5')).toBe(true);
    expect(re.test('phpmyadmin')).toBe(true);
    expect(re.test('10x0x0x5')).toBe(false);
    expect(hostsPattern(['::1'])).toBe('\\[::1\\]');
  });
});
