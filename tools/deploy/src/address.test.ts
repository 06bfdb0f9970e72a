import { readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testContext } from '../test/support.js';
import { chooseAddress, pickAddress } from './address.js';

describe('chooseAddress', () => {
  const node = '192.168.49.2';
  it('first run: minikube’s /24 with .240', () => {
    expect(chooseAddress(node, {}, undefined)).toEqual({ address: '192.168.49.240', source: 'default' });
  });
  it('reuses the remembered address while inside the /24 and not the node IP', () => {
    expect(chooseAddress(node, {}, '192.168.49.77')).toEqual({ address: '192.168.49.77', source: 'remembered' });
    expect(chooseAddress(node, {}, '192.168.58.77')).toMatchObject({ address: '192.168.49.240', dropped: expect.stringMatching(/outside minikube's network/) });
    expect(chooseAddress(node, {}, '192.168.49.2')).toMatchObject({ address: '192.168.49.240', dropped: expect.stringMatching(/minikube's own IP/) });
  });
  it('only --address / --lb-octet change it', () => {
    expect(chooseAddress(node, { lbOctet: 250 }, '192.168.49.77')).toEqual({ address: '192.168.49.250', source: 'given' });
    expect(chooseAddress(node, { address: '192.168.49.9' }, '192.168.49.77')).toEqual({ address: '192.168.49.9', source: 'given' });
  });
  it('refuses an address outside the /24, the node IP, or not an address', () => {
    expect(() => chooseAddress(node, { address: '10.0.0.1' }, undefined)).toThrow(/not in minikube's network 192.168.49.0\/24/);
    expect(() => chooseAddress(node, { lbOctet: 2 }, undefined)).toThrow(/minikube's own IP/);
    expect(() => chooseAddress(node, { address: '192.168.49.300' }, undefined)).toThrow(/not an IPv4 address/);
    expect(() => chooseAddress('Error: no ip', {}, undefined)).toThrow(/minikube ip gave/);
  });
});

describe('pickAddress', () => {
  it('remembers the address in state/cluster/address (mode 600) and reuses it', async () => {
    const ctx = testContext([], (_c, line) => (line === 'minikube ip' ? { stdout: '192.168.49.2\n' } : undefined));
    await pickAddress(ctx);
    expect(readFileSync(ctx.paths.addressFile, 'utf8')).toBe('192.168.49.240\n');
    expect(statSync(ctx.paths.addressFile).mode & 0o777).toBe(0o600);
    expect(statSync(ctx.paths.stateDir).mode & 0o777).toBe(0o700);
    writeFileSync(ctx.paths.addressFile, '192.168.49.99\n');
    await pickAddress(ctx);
    expect(ctx.address).toBe('192.168.49.99');
  });

  it('a new octet replaces it, with a warning', async () => {
    const ctx = testContext(['--lb-octet', '241'], (_c, line) => (line === 'minikube ip' ? { stdout: '192.168.49.2\n' } : undefined));
    mkdirSync(ctx.paths.stateDir, { recursive: true });
    writeFileSync(ctx.paths.addressFile, '192.168.49.99\n');
    await pickAddress(ctx);
    expect(readFileSync(ctx.paths.addressFile, 'utf8')).toBe('192.168.49.241\n');
    expect(ctx.said.join('\n')).toMatch(/changes from 192.168.49.99 to 192.168.49.241/);
  });
});
