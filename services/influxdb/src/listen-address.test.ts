import { describe, expect, it } from 'vitest';
import { hostPort } from '@ft/agent';
import { localUrl } from './listen-address.js';

describe('listen address', () => {
  it('brackets IPv6 literals for Go and for URLs', () => {
    expect(hostPort('0.0.0.0', 8086)).toBe('0.0.0.0:8086');
    expect(hostPort('::', 8086)).toBe('[::]:8086');
  });

  it('reaches a wildcard bind through loopback, a specific one through itself', () => {
    expect(localUrl('0.0.0.0', 8086)).toBe('http://127.0.0.1:8086');
    expect(localUrl('::', 8086)).toBe('http://[::1]:8086');
    expect(localUrl('10.0.0.5', 9)).toBe('http://10.0.0.5:9');
  });
});
