import { describe, expect, it } from 'vitest';
import { bracketHost, hostPort, probeHost } from './listen-address.js';

describe('listen addresses', () => {
  it('probes a wildcard listener on loopback, a specific one on itself', () => {
    expect(probeHost('0.0.0.0')).toBe('127.0.0.1');
    expect(probeHost('::')).toBe('::1');
    expect(probeHost('[::]')).toBe('::1');
    expect(probeHost('10.0.0.5')).toBe('10.0.0.5');
    expect(probeHost('mysql')).toBe('mysql');
  });
  it('brackets IPv6 literals once, for URLs', () => {
    expect(bracketHost('::1')).toBe('[::1]');
    expect(bracketHost('[::1]')).toBe('[::1]');
    expect(bracketHost('127.0.0.1')).toBe('127.0.0.1');
    expect(hostPort('::1', 3000)).toBe('[::1]:3000');
    expect(hostPort('grafana', 3000)).toBe('grafana:3000');
  });
});
