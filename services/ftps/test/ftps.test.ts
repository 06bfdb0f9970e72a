/**
 * The ftps service on Debian's real vsftpd 3.0.3, run by its bundled agent as the image runs it:
 * TLS-only logins and transfers with three ordinary clients (basic-ftp, curl, lftp), each resuming
 * the control connection's TLS session on its data connections (require_ssl_reuse), refusals,
 * the jail, passive mode, the ftp collector's figures in a real InfluxDB, data across a restart,
 * and a crash of vsftpd.
 */
import { randomBytes } from 'node:crypto';
import { chmod, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  run,
  makeTempDir,
  processesMatching,
  removeDir,
  startAgentProcess,
  startInfluxdb,
  waitUntil,
  type AgentProcess,
  type InfluxdbServer,
} from '@ft/testkit';
import { BUNDLE, curl, ftpsTestEnv, loginOutcome, sha256, tlsClient, type FtpsTestEnv } from './support.js';

const USER = 'fttestftps';
const WRITER = { user: 'fttest_ftps_agent', password: 'ftps-agent-writer-pw' };
const MIB10 = 10 * 1024 * 1024;

describe('ftps on the real vsftpd', () => {
  let influx: InfluxdbServer;
  let t: FtpsTestEnv;
  let agent: AgentProcess;
  let work: string;
  let original: string;
  let originalHash: string;

  beforeAll(async () => {
    influx = await startInfluxdb();
    await influx.createDatabase('metrics');
    await influx.createUser(WRITER.user, WRITER.password, 'metrics', 'WRITE');
    t = await ftpsTestEnv(USER, {
      AGENT_INFLUX_URL: influx.url,
      AGENT_INFLUX_USER: WRITER.user,
      AGENT_INFLUX_PASSWORD: WRITER.password,
      AGENT_POD_NAME: 'ftps-test-0',
    });
    work = await makeTempDir('ftps-files');
    original = path.join(work, 'original.bin');
    await writeFile(original, randomBytes(MIB10));
    originalHash = await sha256(original);
    agent = startAgentProcess(BUNDLE, t.env);
    await agent.waitReady(90_000);
  });

  afterAll(async () => {
    await agent?.stop();
    await influx?.destroy();
    await t?.cleanup();
    if (work) await removeDir(work);
  });

  const ftpRows = (q: string): Promise<unknown[][]> => influx.rows(q, 'metrics');
  /** Where a session's files are on disk: the user's files/ inside the jail (the data dir). */
  const stored = (name: string): string => path.join(t.dataDir, 'files', name);

  it('is ready with its TLS login check passing, vsftpd under the agent', async () => {
    const ready = JSON.parse((await agent.get('/readyz')).body) as {
      processes: Array<{ name: string; pid: number }>;
      checks: Array<{ name: string; ok: boolean }>;
    };
    expect(ready.checks).toEqual([expect.objectContaining({ name: 'ftps-login', ok: true })]);
    const vsftpd = ready.processes.find((p) => p.name === 'vsftpd');
    expect(vsftpd?.pid).toBeGreaterThan(0);
    // The listener is the agent's child, never PID 1.
    expect(processesMatching(path.join(agent.runDir, 'vsftpd', 'vsftpd.conf'))).toContain(vsftpd?.pid);
  });

  it('uploads and downloads 10 MiB with basic-ftp over TLS, bytes identical', async () => {
    const client = await tlsClient(t, t.password);
    try {
      await client.uploadFrom(original, 'basic.bin');
      const back = path.join(work, 'basic.back');
      await client.downloadTo(back, 'basic.bin');
      expect(await sha256(back)).toBe(originalHash);
    } finally {
      client.close();
    }
    // On the volume, in the user's files/, owned by the FTP user, not readable by other users.
    const onDisk = stored('basic.bin');
    expect(await sha256(onDisk)).toBe(originalHash);
    const [file, dir] = [await stat(onDisk), await stat(path.dirname(onDisk))];
    expect(file.uid).toBe(dir.uid);
    expect(file.mode & 0o777).toBe(0o640);
    expect(dir.mode & 0o777).toBe(0o750);
  });

  it('jails the session in a root it cannot write: it starts in /files, / refuses an upload, mkdir lands in files/ as 750', async () => {
    const client = await tlsClient(t, t.password);
    try {
      expect(await client.pwd()).toBe('/files');
      await expect(client.uploadFrom(original, '/outside.bin')).rejects.toMatchObject({ code: 553 });
      await client.send('MKD made-here');
    } finally {
      client.close();
    }
    const jail = await stat(t.dataDir);
    expect([jail.uid, jail.mode & 0o777]).toEqual([0, 0o755]);
    expect((await stat(stored('made-here'))).mode & 0o777).toBe(0o750);
  });

  it('lftp with TLS forced puts and gets 10 MiB, bytes identical', async () => {
    const back = path.join(work, 'lftp.back');
    // The commands (and the password) in a file of mode 600, not on a command line.
    const script = path.join(work, 'lftp.script');
    await writeFile(
      script,
      [
        'set ftp:ssl-force true',
        'set ftp:ssl-protect-data true',
        'set ssl:verify-certificate no',
        'set cmd:fail-exit yes',
        'set net:max-retries 1',
        'set net:timeout 20',
        `open -u ${t.user},${t.password} ftp://127.0.0.1:${t.port}`,
        `put ${original} -o lftp.bin`,
        `get lftp.bin -o ${back}`,
        'bye',
      ].join('\n'),
    );
    await chmod(script, 0o600);
    await run('lftp', ['-f', script], { timeoutMs: 120_000 });
    expect(await sha256(back)).toBe(originalHash);
    expect(await sha256(stored('lftp.bin'))).toBe(originalHash);
  });

  it("refuses a data connection that does not resume the control connection's TLS session", async () => {
    // curl without its session cache opens the data connection with a fresh TLS session: vsftpd
    // answers 522 (session reuse required), as it would to anyone who raced for the passive port.
    const fresh = await curl(t, t.password, ['--ssl-reqd', '-k', '--no-sessionid', `ftp://127.0.0.1:${t.port}/`]);
    expect(fresh.code, fresh.stderr).not.toBe(0);
    const reused = await curl(t, t.password, ['--ssl-reqd', '-k', `ftp://127.0.0.1:${t.port}/`]);
    expect(reused, reused.stderr).toEqual({ code: 0, stderr: '' });
  });

  it('accepts more sessions from one address than the old cap of 10 (behind the Service, every client has one address)', async () => {
    // With max_per_ip=10 the 11th connection gets 421 before its login. Control connections only:
    // the passive range here is a few ports.
    const settled = await Promise.allSettled(Array.from({ length: 12 }, () => tlsClient(t, t.password)));
    const clients = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    try {
      expect(settled.filter((r) => r.status === 'rejected').map((r) => String(r.reason))).toEqual([]);
      expect(await Promise.all(clients.map((c) => c.pwd()))).toEqual(Array.from({ length: 12 }, () => '/files'));
    } finally {
      for (const c of clients) c.close();
    }
  });

  it('refuses TLS suites without forward secrecy', async () => {
    const url = `ftp://127.0.0.1:${t.port}/`;
    // 35: no suite in common (RSA key exchange only on the client's side).
    const rsaOnly = await curl(t, t.password, ['--ssl-reqd', '-k', '--tls-max', '1.2', '--ciphers', 'AES128-GCM-SHA256:AES256-GCM-SHA384', url]);
    expect(rsaOnly.code, rsaOnly.stderr).toBe(35);
    const ecdhe = await curl(t, t.password, ['--ssl-reqd', '-k', '--tls-max', '1.2', '--ciphers', 'ECDHE-RSA-AES256-GCM-SHA384', url]);
    expect(ecdhe, ecdhe.stderr).toEqual({ code: 0, stderr: '' });
  });

  it('uploads and downloads 10 MiB with curl --ssl-reqd (EPSV up, PASV down), bytes identical', async () => {
    const url = `ftp://127.0.0.1:${t.port}/curl.bin`;
    const up = await curl(t, t.password, ['--ssl-reqd', '-k', '-T', original, url]);
    expect(up, up.stderr).toEqual({ code: 0, stderr: '' });
    const back = path.join(work, 'curl.back');
    const down = await curl(t, t.password, ['--ssl-reqd', '-k', '--disable-epsv', '-o', back, url]);
    expect(down, down.stderr).toEqual({ code: 0, stderr: '' });
    expect(await sha256(back)).toBe(originalHash);
    expect(await sha256(stored('curl.bin'))).toBe(originalHash);
  });

  it('speaks TLS 1.2 at most: vsftpd 3.0 truncates some uploads over TLS 1.3', async () => {
    const url = `ftp://127.0.0.1:${t.port}/`;
    // 35: the TLS handshake failed (the client insisted on 1.3).
    const only13 = await curl(t, t.password, ['--ssl-reqd', '-k', '--tlsv1.3', url]);
    expect(only13.code, only13.stderr).toBe(35);
    const tls12 = await curl(t, t.password, ['--ssl-reqd', '-k', '--tlsv1.2', '--tls-max', '1.2', url]);
    expect(tls12, tls12.stderr).toEqual({ code: 0, stderr: '' });
  });

  it('refuses a plain-FTP login with the right password', async () => {
    expect(await loginOutcome(t, t.user, t.password, false)).toBe(530);
    const plain = await curl(t, t.password, [`ftp://127.0.0.1:${t.port}/`]);
    // 67: the server refused the login.
    expect(plain.code, plain.stderr).toBe(67);
    expect(plain.stderr).toContain('530');
  });

  it('refuses anonymous logins, even over TLS', async () => {
    expect(await loginOutcome(t, 'anonymous', 'guest@example.org', true)).toBe(530);
    expect(await loginOutcome(t, 'ftp', 'guest@example.org', true)).toBe(530);
  });

  it('refuses a wrong password and an account other than FTP_USER', async () => {
    expect(await loginOutcome(t, t.user, 'not-the-password', true)).toBe(530);
    expect(await loginOutcome(t, 'root', t.password, true)).toBe(530);
  });

  it('advertises EXTERNAL_HOST and a port of the passive range in PASV replies', async () => {
    const client = await tlsClient(t, t.password);
    try {
      const reply = await client.send('PASV');
      const m = /\((\d+),(\d+),(\d+),(\d+),(\d+),(\d+)\)/.exec(reply.message);
      expect(m, reply.message).not.toBeNull();
      const [, a, b, c, d, hi, lo] = (m as RegExpExecArray).map(Number);
      expect(`${a}.${b}.${c}.${d}`).toBe('127.0.0.2');
      const port = (hi as number) * 256 + (lo as number);
      expect(port).toBeGreaterThanOrEqual(t.pasv.min);
      expect(port).toBeLessThanOrEqual(t.pasv.max);
    } finally {
      client.close();
    }
  });

  it("counts open sessions from vsftpd's processes", async () => {
    const lastSessions = async (): Promise<number> => Number((await ftpRows(`SELECT last(sessions) FROM ftp WHERE pod = 'ftps-test-0'`))[0]?.[1] ?? -1);
    const clients = [await tlsClient(t, t.password), await tlsClient(t, t.password)];
    try {
      const since = Date.now();
      // Two held sessions (the agent's own check may add one for a moment).
      await waitUntil(async () => Date.now() - since > 1_500 && (await lastSessions()) >= 2, 20_000, 'ftp sessions >= 2 in InfluxDB');
    } finally {
      for (const c of clients) c.close();
    }
    await waitUntil(async () => (await lastSessions()) === 0, 30_000, 'ftp sessions back to 0');
  });

  it('writes the ftp measurement with real figures to InfluxDB', async () => {
    const fields = ['sessions', 'logins', 'failed_logins', 'uploads', 'downloads', 'upload_bytes', 'download_bytes'];
    const query = `SELECT ${fields.map((f) => `last(${f})`).join(', ')} FROM ftp WHERE service = 'ftps' AND pod = 'ftps-test-0'`;
    const row = await waitUntil(
      async () => {
        const r = (await ftpRows(query))[0];
        // Both 10 MiB uploads and downloads are in the totals.
        return r && Number(r[6]) >= 3 * MIB10 && Number(r[7]) >= 3 * MIB10 ? r : undefined;
      },
      20_000,
      'ftp totals covering the transfers',
    );
    const [, sessions, logins, failed, uploads, downloads, upBytes, downBytes] = row.map(Number);
    expect(sessions).toBeGreaterThanOrEqual(0);
    // basic-ftp, 2 x curl, PASV, 2 sessions, and the check's own logins (lftp and the others add more).
    expect(logins).toBeGreaterThanOrEqual(6);
    // The wrong password (the plain, anonymous and root attempts stop before a password check).
    expect(failed).toBeGreaterThanOrEqual(1);
    expect(uploads).toBeGreaterThanOrEqual(3);
    expect(downloads).toBeGreaterThanOrEqual(3);
    // basic-ftp, curl and lftp each moved 10 MiB each way.
    expect(upBytes).toBe(3 * MIB10);
    expect(downBytes).toBe(3 * MIB10);
    // Every field is a float, as every agent writes them (a field never changes type).
    const keys = await ftpRows(`SHOW FIELD KEYS FROM ftp`);
    expect(Object.fromEntries(keys.map((k) => [k[0], k[1]]))).toEqual(Object.fromEntries(fields.map((f) => [f, 'float'])));
    // Logins and transfers appear in the agent's log (kubectl logs).
    expect(agent.raw.some((l) => l.includes('OK UPLOAD') && l.includes('/curl.bin'))).toBe(true);
  });

  it('keeps the files across a restart, and applies a changed password', async () => {
    const exit = await agent.stop();
    expect(exit.code).toBe(0);
    expect(processesMatching(path.join(agent.runDir, 'vsftpd'))).toEqual([]);

    const newPassword = `${t.password}-rotated`;
    agent = startAgentProcess(BUNDLE, { ...t.env, FTP_PASSWORD: newPassword });
    await agent.waitReady(90_000);
    expect(await loginOutcome(t, t.user, t.password, true)).toBe(530);
    const client = await tlsClient(t, newPassword);
    try {
      const back = path.join(work, 'after-restart.back');
      await client.downloadTo(back, 'basic.bin');
      expect(await sha256(back)).toBe(originalHash);
      expect((await client.list()).map((f) => f.name).sort()).toEqual(['basic.bin', 'curl.bin', 'lftp.bin', 'made-here']);
    } finally {
      client.close();
    }
  });

  it('exits 70 when vsftpd is killed with SIGKILL, leaving no session behind', async () => {
    const pid = await agent.pidOf('vsftpd');
    process.kill(pid, 'SIGKILL');
    const exit = await agent.exit;
    expect(exit.code).toBe(70);
    expect(agent.raw.join('\n')).toContain('process vsftpd killed by SIGKILL');
    expect(processesMatching(path.join(agent.runDir, 'vsftpd'))).toEqual([]);
  });
});
