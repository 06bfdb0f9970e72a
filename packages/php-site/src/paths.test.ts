import { describe, expect, it } from 'vitest';
import { bracketHost, phpSitePaths, probeHost, urlHost, webUserDirs } from './paths.js';

describe('phpSitePaths', () => {
  const paths = phpSitePaths('/run/ft');

  it('puts everything under the run dir', () => {
    const all = [paths.nginxConf, paths.phpFpmConf, paths.nginxPid, paths.phpFpmSocket, paths.phpFpmPid, paths.tlsCert, paths.tlsKey, ...webUserDirs(paths)];
    for (const p of all) expect(p.startsWith('/run/ft/')).toBe(true);
    expect(new Set(all).size).toBe(all.length);
  });

  it('keeps the socket, pid and logs inside directories the web user will own', () => {
    const owned = webUserDirs(paths);
    expect(owned).toContain(paths.phpFpmDir);
    expect(owned).toContain(paths.phpLogDir);
    expect(owned).toContain(paths.nginxTemp.clientBody);
    expect(paths.phpFpmSocket.startsWith(`${paths.phpFpmDir}/`)).toBe(true);
    // The rendered configs stay out of them: the web user must not rewrite its own config.
    expect(owned.some((d) => paths.nginxConf.startsWith(`${d}/`) || paths.phpFpmConf.startsWith(`${d}/`))).toBe(false);
  });

  it('keeps the socket path short enough for sun_path (108 bytes) with a long temp dir', () => {
    const long = phpSitePaths(`/tmp/ft-agent-run-${'x'.repeat(40)}`);
    expect(Buffer.byteLength(long.phpFpmSocket)).toBeLessThan(108);
  });
});

describe('probeHost', () => {
  it('reaches a wildcard listener on loopback and a specific address on itself', () => {
    expect(probeHost('0.0.0.0')).toBe('127.0.0.1');
    expect(probeHost('::')).toBe('::1');
    expect(probeHost('127.0.0.5')).toBe('127.0.0.5');
    expect(probeHost('web.local')).toBe('web.local');
  });
});

describe('urlHost', () => {
  it('brackets IPv6 addresses only', () => {
    expect(urlHost('127.0.0.1', 5000)).toBe('127.0.0.1:5000');
    expect(urlHost('::1', 5000)).toBe('[::1]:5000');
    expect(urlHost('[::1]', 5000)).toBe('[::1]:5000');
  });
});

describe('bracketHost', () => {
  it('brackets what nginx listen needs bracketed', () => {
    expect(bracketHost('::')).toBe('[::]');
    expect(bracketHost('0.0.0.0')).toBe('0.0.0.0');
    expect(bracketHost('[::1]')).toBe('[::1]');
  });
});
