/**
 * sshd in the nginx container: the named user logs in (password and key) and runs a command;
 * root and wrong passwords are refused; with keys only, the agent's check still logs in.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderServiceTemplates } from '@ft/agent';
import { makeTempDir, removeDir, run } from '@ft/testkit';
import { nginx as nginxService } from '../src/service.js';
import { sshExec, sshLoginOutcome, startNginxAgent, type NginxAgent } from './support.js';

async function clientKey(dir: string, name: string): Promise<{ privateKey: string; publicKey: string }> {
  const file = path.join(dir, name);
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `${name}@test`, '-f', file]);
  return { privateKey: await readFile(file, 'utf8'), publicKey: (await readFile(`${file}.pub`, 'utf8')).trim() };
}

describe('ssh with a password and a key', () => {
  const USER = 'fttestnginx';
  const PASSWORD = 'ssh-test-password-1';
  let nginx: NginxAgent;
  let keysDir: string;
  let key: { privateKey: string; publicKey: string };
  let other: { privateKey: string; publicKey: string };

  beforeAll(async () => {
    keysDir = await makeTempDir('nginx-ssh-keys');
    [key, other] = await Promise.all([clientKey(keysDir, 'client'), clientKey(keysDir, 'stranger')]);
    nginx = await startNginxAgent({
      EXTERNAL_HOST: '127.0.0.1',
      SSH_USER: USER,
      SSH_PASSWORD: PASSWORD,
      SSH_AUTHORIZED_KEYS: `# team keys\n${key.publicKey}\n`,
    });
    await nginx.agent.waitReady(90_000);
  });
  afterAll(async () => {
    await nginx?.stop();
    await removeDir(keysDir);
  });

  it('logs the named user in with the password and runs a command', async () => {
    const result = await sshExec({ port: nginx.ports.ssh, username: USER, password: PASSWORD }, 'id -un; echo "$HOME"');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').slice(0, 2)).toEqual([USER, `/home/${USER}`]);
  });

  it('logs the named user in with an authorized key', async () => {
    const result = await sshExec({ port: nginx.ports.ssh, username: USER, privateKey: key.privateKey }, 'id -un');
    expect(result).toEqual({ code: 0, stdout: `${USER}\n` });
  });

  it('refuses a wrong password, an unknown key, root and other users', async () => {
    const port = nginx.ports.ssh;
    expect(await sshLoginOutcome({ port, username: USER, password: 'not-the-password' })).toBe('refused');
    expect(await sshLoginOutcome({ port, username: USER, privateKey: other.privateKey })).toBe('refused');
    expect(await sshLoginOutcome({ port, username: 'root', password: PASSWORD })).toBe('refused');
    expect(await sshLoginOutcome({ port, username: 'root', privateKey: key.privateKey })).toBe('refused');
    expect(await sshLoginOutcome({ port, username: 'www-data', password: PASSWORD })).toBe('refused');
  });

  it('renders a config in which sshd itself says root may not log in', async () => {
    const config = path.join(nginx.agent.runDir, 'ssh', 'sshd_config');
    const { stdout } = await run('/usr/sbin/sshd', ['-T', '-f', config, '-C', 'user=root,host=client,addr=127.0.0.1']);
    expect(stdout).toMatch(/^permitrootlogin no$/m);
    expect(stdout).toMatch(/^passwordauthentication yes$/m);
    expect(stdout).toMatch(new RegExp(`^allowusers ${USER}$`, 'm'));
  });

  it("keeps OpenSSH 10's penalty options to the alpine profile: Debian's sshd 9.2 refuses them", async () => {
    const env = { EXTERNAL_HOST: '127.0.0.1', SSH_USER: USER, SSH_PASSWORD: PASSWORD, AGENT_RUN_DIR: '/run/ft' };
    const alpine = (await renderServiceTemplates(nginxService, env, 'alpine')).find((f) => f.spec.target.endsWith('sshd_config'))?.content ?? '';
    const penalties = alpine.split('\n').filter((l) => /^PerSourcePenalt/.test(l));
    expect(penalties).toHaveLength(2);
    const config = path.join(nginx.agent.runDir, 'ssh', 'sshd_config');
    const withPenalties = path.join(keysDir, 'sshd_config.penalties');
    await writeFile(withPenalties, `${await readFile(config, 'utf8')}\n${penalties.join('\n')}\n`, { mode: 0o600 });
    await expect(run('/usr/sbin/sshd', ['-t', '-f', withPenalties])).rejects.toThrow(/Bad configuration option: PerSourcePenalt/i);
    await run('/usr/sbin/sshd', ['-t', '-f', config]);
  });

  it('makes host keys in the run dir at the first start', async () => {
    const dir = path.join(nginx.agent.runDir, 'ssh', 'host-keys');
    const before = await readFile(path.join(dir, 'ssh_host_ed25519_key.pub'), 'utf8');
    expect(before).toMatch(/^ssh-ed25519 /);
    expect(nginx.agent.lines.some((l) => /made ssh host keys: ecdsa, ed25519, rsa/.test(l.msg))).toBe(true);
  });
});

describe('ssh with keys only', () => {
  const USER = 'fttestnginxkey';
  let nginx: NginxAgent;
  let keysDir: string;
  let key: { privateKey: string; publicKey: string };
  let hostKeyDir: string;

  beforeAll(async () => {
    keysDir = await makeTempDir('nginx-ssh-keys');
    hostKeyDir = await makeTempDir('nginx-host-keys');
    key = await clientKey(keysDir, 'client');
    nginx = await startNginxAgent({ EXTERNAL_HOST: '127.0.0.1', SSH_USER: USER, SSH_AUTHORIZED_KEYS: key.publicKey, SSH_HOST_KEY_DIR: hostKeyDir });
    await nginx.agent.waitReady(90_000);
  });
  afterAll(async () => {
    await nginx?.stop();
    await removeDir(keysDir);
    await removeDir(hostKeyDir);
  });

  it('logs in with the key and refuses any password', async () => {
    expect(await sshExec({ port: nginx.ports.ssh, username: USER, privateKey: key.privateKey }, 'id -un')).toEqual({ code: 0, stdout: `${USER}\n` });
    expect(await sshLoginOutcome({ port: nginx.ports.ssh, username: USER, password: 'ssh-test-password-1' })).toBe('refused');
    const { stdout } = await run('getent', ['shadow', USER]);
    // No password: '*' (nothing matches it), not '!' (locked, which sshd without PAM refuses even for keys).
    expect(stdout.split(':')[1]).toBe('*');
  });

  it("passes its ssh check with the agent's own key, which can only run id -un", async () => {
    await expect
      .poll(
        async () =>
          (JSON.parse((await nginx.agent.get('/readyz')).body) as { checks: { name: string; ok: boolean }[] }).checks.find((c) => c.name === 'ssh')?.ok,
        {
          timeout: 30_000,
        },
      )
      .toBe(true);
    const agentKey = await readFile(path.join(nginx.agent.runDir, 'ssh', 'check', 'id_ed25519'), 'utf8');
    // The forced command replaces whatever the client asks for.
    expect(await sshExec({ port: nginx.ports.ssh, username: USER, privateKey: agentKey }, 'echo anything-else')).toEqual({ code: 0, stdout: `${USER}\n` });
  });

  it('keeps host keys in SSH_HOST_KEY_DIR and serves the same ones after a restart', async () => {
    const published = await Promise.all(
      ['rsa', 'ecdsa', 'ed25519'].map(async (t) => (await readFile(path.join(hostKeyDir, `ssh_host_${t}_key.pub`), 'utf8')).split(' ')[1]),
    );
    const second = await startNginxAgent({ EXTERNAL_HOST: '127.0.0.1', SSH_USER: USER, SSH_AUTHORIZED_KEYS: key.publicKey, SSH_HOST_KEY_DIR: hostKeyDir });
    try {
      await second.agent.waitReady(90_000);
      expect(second.agent.lines.some((l) => l.msg === 'kept the ssh host keys')).toBe(true);
      let served = '';
      await sshExec(
        { port: second.ports.ssh, username: USER, privateKey: key.privateKey, hostVerifier: (blob: Buffer) => ((served = blob.toString('base64')), true) },
        'true',
      );
      expect(published).toContain(served);
    } finally {
      await second.stop();
    }
  });
});
