import { describe, expect, it } from 'vitest';
import { localAddress } from './paths.js';

describe('localAddress', () => {
  it('probes loopback when the server listens on every address', () => {
    expect(localAddress('0.0.0.0')).toBe('127.0.0.1');
    expect(localAddress('::')).toBe('::1');
    expect(localAddress('10.0.0.5')).toBe('10.0.0.5');
  });
});
