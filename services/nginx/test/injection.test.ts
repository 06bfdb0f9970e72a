// No injection through a setting (what is proven and how: @ft/testkit's injectionRefusals).
import { describe, expect, it } from 'vitest';
import { loadConfig } from '@ft/agent';
import { makeSelfSignedCert, makeTempDir, removeDir } from '@ft/testkit';
import { injectionRefusals } from '@ft/testkit/expect';
import { readFile } from 'node:fs/promises';
import { nginxEnv } from '../src/env.js';
import { nginx } from '../src/service.js';

const ENV = {
  EXTERNAL_HOST: '192.168.49.240',
  LISTEN_HOST: '0.0.0.0',
  HTTP_PORT: '80',
  HTTPS_PORT: '443',
  SSH_PORT: '22',
  STATUS_PORT: '8181',
  SSH_USER: 'fttestnginxconf',
  SSH_PASSWORD: 'conf-test-password',
  SSH_HOST_KEY_DIR: '/etc/ft/ssh-host-keys',
  AGENT_RUN_DIR: '/run/ft',
  AGENT_POD_NAME: 'nginx-0',
};

describe.each(['alpine', 'debian'] as const)('nginx.conf and sshd_config on %s: no injection through a setting', (platform) => {
  it('a line break plus a directive is refused in every setting nginx.conf carries', async () => {
    expect(await injectionRefusals(nginx, ENV, platform, ['nginx.conf'], 'autoindex on;')).toMatchObject({
      AGENT_RUN_DIR: 'nginx.conf',
      EXTERNAL_HOST: 'nginx.conf',
      LISTEN_HOST: 'nginx.conf',
      HTTP_PORT: 'nginx.conf',
      HTTPS_PORT: 'nginx.conf',
      STATUS_PORT: 'nginx.conf',
    });
  });

  it('a line break plus PermitRootLogin yes is refused in every setting sshd_config carries', async () => {
    expect(await injectionRefusals(nginx, ENV, platform, ['sshd_config'], 'PermitRootLogin yes')).toMatchObject({
      AGENT_RUN_DIR: 'sshd_config',
      LISTEN_HOST: 'sshd_config',
      SSH_PORT: 'sshd_config',
      SSH_USER: 'sshd_config',
      SSH_HOST_KEY_DIR: 'sshd_config',
    });
  });
});

describe('what stays allowed', () => {
  it('a PEM certificate and key over several lines (TLS_CERT, TLS_KEY)', async () => {
    const dir = await makeTempDir('nginx-pem');
    try {
      const pair = await makeSelfSignedCert(dir, 'example.test');
      const config = loadConfig(nginxEnv, { ...ENV, TLS_CERT: await readFile(pair.certFile, 'utf8'), TLS_KEY: await readFile(pair.keyFile, 'utf8') });
      expect(config.TLS_KEY).toMatch(/^-----BEGIN [A-Z ]*PRIVATE KEY-----\n/);
    } finally {
      await removeDir(dir);
    }
  });
});
