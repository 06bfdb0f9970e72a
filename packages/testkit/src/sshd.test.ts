import { processesMatching } from './processes.js';
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './exec.js';
import { startSshd, type SshdServer } from './sshd.js';
import { makeTempDir, removeDir } from './temp-dir.js';

const NO_HOST_CHECKS = ['-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR'];

/** The ssh CLI with a key, non-interactive. */
function sshWithKey(server: SshdServer, user: string, command: string) {
  return run('ssh', [
    ...NO_HOST_CHECKS,
    '-o',
    'BatchMode=yes',
    '-o',
    'IdentitiesOnly=yes',
    '-i',
    server.privateKeyFile,
    '-p',
    String(server.port),
    `${user}@${server.host}`,
    command,
  ]);
}

/** The ssh CLI with a password, fed by SSH_ASKPASS (OpenSSH has no password flag, and sshpass is not installed). */
async function sshWithPassword(server: SshdServer, askpassDir: string, password: string, command: string) {
  const askpass = path.join(askpassDir, 'askpass.sh');
  await writeFile(askpass, `#!/bin/sh\nprintf '%s\\n' "$FT_PW"\n`, { mode: 0o700 });
  return run(
    'ssh',
    [
      ...NO_HOST_CHECKS,
      '-o',
      'PubkeyAuthentication=no',
      '-o',
      'PreferredAuthentications=password',
      '-o',
      'NumberOfPasswordPrompts=1',
      '-p',
      String(server.port),
      `${server.user}@${server.host}`,
      command,
    ],
    { env: { SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: 'force', DISPLAY: ':0', FT_PW: password } },
  );
}

describe('startSshd', () => {
  let server: SshdServer;
  let scratch: string;

  beforeAll(async () => {
    scratch = await makeTempDir('sshd-test');
    server = await startSshd({ user: 'fttestsshkit' });
  });

  afterAll(async () => {
    await server?.stop();
    await removeDir(scratch);
  });

  it('admits the user with the generated key', async () => {
    expect(server.privateKey).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----/);
    expect((await sshWithKey(server, server.user, 'whoami')).stdout.trim()).toBe(server.user);
  });

  it('admits the user with the password and refuses a wrong one', async () => {
    expect((await sshWithPassword(server, scratch, server.password, 'whoami')).stdout.trim()).toBe(server.user);
    await expect(sshWithPassword(server, scratch, 'not-the-password', 'whoami')).rejects.toThrow(/Permission denied/);
  });

  it('refuses root', async () => {
    await expect(sshWithKey(server, 'root', 'true')).rejects.toThrow(/Permission denied/);
  });

  it('stops leaving no process', async () => {
    expect(processesMatching(server.configFile)).toContain(server.daemon.pid);
    await server.stop();
    expect(processesMatching(server.configFile)).toEqual([]);
  });
});
