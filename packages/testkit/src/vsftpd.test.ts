import { readFileSync, writeFileSync } from 'node:fs';
import { processesMatching } from './processes.js';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './exec.js';
import { makeTempDir, removeDir } from './temp-dir.js';
import { startVsftpd, type VsftpdServer } from './vsftpd.js';

/** curl against the server; `tls` asks for explicit TLS (AUTH TLS) and accepts the self-signed cert. */
function curl(server: VsftpdServer, urlPath: string, opts: { tls: boolean; password?: string; extra?: string[] }) {
  const args = ['-sS', '--max-time', '10', '--user', `${server.user}:${opts.password ?? server.password}`];
  if (opts.tls) args.push('--ssl-reqd', '--insecure');
  args.push(...(opts.extra ?? []), `ftp://${server.host}:${server.port}${urlPath}`);
  return run('curl', args);
}

describe('startVsftpd with TLS', () => {
  let server: VsftpdServer;
  let scratch: string;

  beforeAll(async () => {
    scratch = await makeTempDir('vsftpd-test');
    server = await startVsftpd({ user: 'fttestftpkit' });
  });

  afterAll(async () => {
    await server?.stop();
    await removeDir(scratch);
  });

  it('uploads, lists and downloads over explicit TLS in passive mode', async () => {
    const local = path.join(scratch, 'hello.txt');
    writeFileSync(local, 'hello over ftps\n');
    await curl(server, '/hello.txt', { tls: true, extra: ['-T', local] });
    expect(readFileSync(path.join(server.rootDir, 'hello.txt'), 'utf8')).toBe('hello over ftps\n');
    expect((await curl(server, '/', { tls: true, extra: ['--list-only'] })).stdout).toContain('hello.txt');
    expect((await curl(server, '/hello.txt', { tls: true })).stdout).toBe('hello over ftps\n');
  });

  it('refuses a wrong password', async () => {
    await expect(curl(server, '/', { tls: true, password: 'not-the-password' })).rejects.toThrow(/530|Access denied|Login denied/i);
  });

  it('refuses a login without TLS', async () => {
    await expect(curl(server, '/', { tls: false })).rejects.toThrow(/530|denied/i);
  });

  it('stops leaving no process', async () => {
    expect(processesMatching(server.configFile)).toContain(server.daemon.pid);
    await server.stop();
    expect(processesMatching(server.configFile)).toEqual([]);
  });
});

describe('startVsftpd without TLS', () => {
  let server: VsftpdServer;

  beforeAll(async () => {
    server = await startVsftpd({ user: 'fttestftpkit', tls: false });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('serves plain FTP and cannot do TLS', async () => {
    await curl(server, '/', { tls: false, extra: ['--list-only'] });
    await expect(curl(server, '/', { tls: true })).rejects.toThrow(/SSL|TLS/i);
  });
});
