/**
 * Bad environment: the agent exits 78 and its log names the variable (never a secret's value).
 * And the rendered vsftpd.conf on both platforms, from a sample environment.
 */
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { renderServiceTemplates } from '@ft/agent';
import { processesMatching, startAgentProcess, type AgentProcess } from '@ft/testkit';
import { expectConfigExit } from '@ft/testkit/expect';
import { ftps } from '../src/service.js';
import { BUNDLE, ftpsTestEnv } from './support.js';

const USER = 'fttestftpscfg';

describe('ftps bad environment', () => {
  const agents: AgentProcess[] = [];
  const dirs: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const a of agents.splice(0)) await a.stop();
    for (const cleanup of dirs.splice(0)) await cleanup();
  });

  /** Starts the agent with `overrides` (undefined removes a variable); it is expected to exit 78. */
  async function startWith(overrides: Record<string, string | undefined>): Promise<AgentProcess> {
    const t = await ftpsTestEnv(USER, overrides);
    dirs.push(() => t.cleanup());
    const a = startAgentProcess(BUNDLE, t.env);
    agents.push(a);
    return a;
  }

  const cases: Array<[string, Record<string, string | undefined>, RegExp]> = [
    ['FTP_USER missing', { FTP_USER: undefined }, /FTP_USER: is not set/],
    ['FTP_USER not a user name', { FTP_USER: 'Bad User' }, /FTP_USER: is malformed/],
    ['FTP_USER nobody', { FTP_USER: 'nobody' }, /FTP_USER: is malformed: nobody is a system account/],
    ['FTP_PASSWORD too short', { FTP_PASSWORD: 'short' }, /FTP_PASSWORD: is malformed/],
    ['EXTERNAL_HOST missing', { EXTERNAL_HOST: undefined }, /EXTERNAL_HOST: is not set/],
    ['FTP_PORT not a port', { FTP_PORT: '70000' }, /FTP_PORT: is malformed/],
    ['LISTEN_HOST a name', { LISTEN_HOST: 'localhost' }, /LISTEN_HOST: is malformed: expected an IPv4 address/],
    [
      'a reversed passive range',
      { FTP_PASV_MIN_PORT: '30010', FTP_PASV_MAX_PORT: '30001' },
      /FTP_PASV_MAX_PORT: is malformed: expected a port >= FTP_PASV_MIN_PORT/,
    ],
    [
      'a passive range too wide',
      { FTP_PASV_MIN_PORT: '30000', FTP_PASV_MAX_PORT: '30099' },
      /FTP_PASV_MAX_PORT: is malformed: expected at most 20 passive ports/,
    ],
    ['FTP_DATA_DIR relative', { FTP_DATA_DIR: 'files' }, /FTP_DATA_DIR: is malformed/],
  ];

  for (const [what, overrides, says] of cases) {
    it(`exits 78 on ${what}`, async () => {
      const a = await startWith(overrides);
      await expectConfigExit(a, { says });
      expect(processesMatching(a.runDir)).toEqual([]);
    });
  }

  it('never shows a bad password', async () => {
    const secret = 'tiny\nnewline-password';
    const a = await startWith({ FTP_PASSWORD: secret });
    await expectConfigExit(a, { says: /FTP_PASSWORD: is malformed/, secret });
    // Nor the part after the newline on a line of its own.
    expect(a.raw.join('\n')).not.toContain('newline-password');
  });

  it('refuses a system account as FTP_USER and leaves its password alone', async () => {
    const shadowBefore = (await readFile('/etc/shadow', 'utf8')).split('\n').find((l) => l.startsWith('daemon:'));
    const a = await startWith({ FTP_USER: 'daemon' });
    await expectConfigExit(a, { says: /FTP_USER: is malformed: daemon is a system account/ });
    const shadowAfter = (await readFile('/etc/shadow', 'utf8')).split('\n').find((l) => l.startsWith('daemon:'));
    expect(shadowAfter).toBe(shadowBefore);
    expect(processesMatching(a.runDir)).toEqual([]);
  });
});

describe('ftps vsftpd.conf', () => {
  const sample = {
    FTP_USER: 'alice',
    FTP_PASSWORD: 'a-long-password',
    EXTERNAL_HOST: '203.0.113.7',
    AGENT_RUN_DIR: '/run/ft',
  };

  it('renders the image configuration from the environment and the alpine profile', async () => {
    const [conf, users] = await renderServiceTemplates(ftps, sample, 'alpine');
    expect(conf?.spec).toMatchObject({ target: '/run/ft/vsftpd/vsftpd.conf', mode: 0o600 });
    const text = conf?.content ?? '';
    for (const line of [
      'listen_address=0.0.0.0',
      'listen_port=21',
      'background=NO',
      'anonymous_enable=NO',
      // Jailed at the /./ of the user's home (<data dir>/./files), a root-owned, unwritable root.
      'chroot_local_user=YES',
      'passwd_chroot_enable=YES',
      'allow_writeable_chroot=NO',
      // Files the user's and its group's only.
      'local_umask=027',
      'pasv_min_port=30000',
      'pasv_max_port=30004',
      'pasv_address=203.0.113.7',
      'pasv_addr_resolve=NO',
      'seccomp_sandbox=NO',
      'secure_chroot_dir=/usr/share/empty',
      'force_local_logins_ssl=YES',
      'force_local_data_ssl=YES',
      // A data connection must resume the control connection's TLS session.
      'require_ssl_reuse=YES',
      'rsa_cert_file=/run/ft/tls/ftps.crt',
      'rsa_private_key_file=/run/ft/tls/ftps.key',
      'vsftpd_log_file=/run/ft/vsftpd/vsftpd.log',
      'userlist_file=/run/ft/vsftpd/user_list',
    ]) {
      expect(text.split('\n')).toContain(line);
    }
    // vsftpd reads `key=value` with no spaces; a stray one makes the option unknown.
    for (const l of text.split('\n').filter((x) => x && !x.startsWith('#'))) expect(l).toMatch(/^[a-z_0-9]+=\S+( \S+)*$/);
    expect(users?.content).toBe('alice\n');
    expect(text).not.toMatch(/^local_root=/m);
  });

  it("caps sessions per address at max_clients: behind the Service every client has the node's address", async () => {
    const [conf] = await renderServiceTemplates(ftps, sample, 'alpine');
    const option = (name: string) => Number(/^(\w+)=(.*)$/m.exec((conf?.content ?? '').split('\n').find((l) => l.startsWith(`${name}=`)) ?? '')?.[2]);
    expect(option('max_clients')).toBeGreaterThan(0);
    expect(option('max_per_ip')).toBe(option('max_clients'));
  });

  it('offers forward-secret TLS 1.2 suites only (ECDHE with AEAD), capped at TLS 1.2', async () => {
    const [conf, , openssl] = await renderServiceTemplates(ftps, sample, 'alpine');
    const ciphers =
      (conf?.content ?? '')
        .split('\n')
        .find((l) => l.startsWith('ssl_ciphers='))
        ?.slice('ssl_ciphers='.length) ?? '';
    expect(ciphers.split(':').length).toBeGreaterThan(0);
    for (const c of ciphers.split(':')) expect(c).toMatch(/^ECDHE-(RSA|ECDSA)-(AES(128|256)-GCM-SHA(256|384)|CHACHA20-POLY1305)$/);
    expect(openssl?.content).toContain('MaxProtocol = TLSv1.2');
  });

  it('asks vsftpd to resolve an EXTERNAL_HOST that is a name; debian paths on debian', async () => {
    const [conf] = await renderServiceTemplates(ftps, { ...sample, EXTERNAL_HOST: 'ftp.example.org' }, 'debian');
    const lines = (conf?.content ?? '').split('\n');
    expect(lines).toContain('pasv_address=ftp.example.org');
    expect(lines).toContain('pasv_addr_resolve=YES');
    expect(lines).toContain('secure_chroot_dir=/var/run/vsftpd/empty');
  });
});
