import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { agentDirs, bracketHost, phpSitePaths, probeHost, urlHost, webUserDirs } from './paths.js';

describe('phpSitePaths', () => {
  const paths = phpSitePaths('/run/ft');

  it('puts everything under the run dir', () => {
    const all = [
      paths.nginxConf,
      paths.phpFpmConf,
      paths.nginxPid,
      paths.phpFpmSocket,
      paths.phpFpmPid,
      paths.phpFpmLog,
      paths.tlsCert,
      paths.tlsKey,
      ...agentDirs(paths),
      ...webUserDirs(paths),
    ];
    for (const p of all) expect(p.startsWith('/run/ft/')).toBe(true);
    expect(new Set(all).size).toBe(all.length);
  });

  it('puts every file a root-run master writes or chowns in a directory no web-user directory holds', () => {
    const owned = webUserDirs(paths);
    expect(owned).toContain(paths.phpLogDir);
    expect(owned).toContain(paths.nginxTemp.clientBody);
    // pid files, php-fpm's socket (bound and chowned by the master) and log, nginx's temp dirs
    // (its master chowns each one), the rendered configs: their directory and every one above it
    // up to the run dir are the agent's, never the web user's.
    const rootWritten = [
      paths.nginxPid,
      paths.phpFpmPid,
      paths.phpFpmSocket,
      paths.phpFpmLog,
      paths.nginxConf,
      paths.phpFpmConf,
      ...Object.values(paths.nginxTemp),
    ];
    for (const file of rootWritten) {
      for (let dir = path.dirname(file); dir !== '/run/ft' && dir !== '/'; dir = path.dirname(dir)) {
        expect(owned, `${file}: ${dir}`).not.toContain(dir);
        expect(agentDirs(paths), `${file}: ${dir}`).toContain(dir);
      }
    }
    // Parents before children, so that each is made (and checked) in order.
    for (const dir of [...agentDirs(paths), ...owned]) {
      const parent = path.dirname(dir);
      if (parent !== '/run/ft') expect(agentDirs(paths).indexOf(parent), dir).toBeGreaterThanOrEqual(0);
    }
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
