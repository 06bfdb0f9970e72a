/**
 * No injection through a setting: each setting this service renders is given a line break and a
 * directive of the config's own format, once through the environment (the validators refuse it,
 * exit 78 naming it) and once past the validators (the renderer refuses it, naming the template and
 * the setting). Run against the service's real templates, one config format at a time.
 */
import { describe, expect, it } from 'vitest';
import { type EnvShape, type PlatformData, type ServiceDefinition } from '@ft/agent';
import { injectionRefusals } from '@ft/testkit/expect';
import { ftps } from '../src/service.js';

const ENV = {
  FTP_USER: 'alice',
  FTP_PASSWORD: 'a-long-password',
  EXTERNAL_HOST: 'ftp.example.org',
  LISTEN_HOST: '0.0.0.0',
  FTP_PORT: '21',
  FTP_DATA_DIR: '/srv/ftp',
  AGENT_RUN_DIR: '/run/ft',
  AGENT_POD_NAME: 'ftps-0',
};
const def = ftps as unknown as ServiceDefinition<EnvShape, PlatformData>;

describe.each(['alpine', 'debian'] as const)('vsftpd.conf and its user list on %s: no injection through a setting', (platform) => {
  it('a line break plus ssl_enable=NO is refused in every setting vsftpd.conf carries', async () => {
    expect(await injectionRefusals(def, ENV, platform, ['vsftpd.conf'], 'ssl_enable=NO', ['FTP_PASSWORD'])).toEqual({
      AGENT_RUN_DIR: 'vsftpd.conf',
      EXTERNAL_HOST: 'vsftpd.conf',
      LISTEN_HOST: 'vsftpd.conf',
      FTP_PORT: 'vsftpd.conf',
    });
  });

  it('a second user name cannot be slipped into the user list', async () => {
    expect(await injectionRefusals(def, ENV, platform, ['user_list'], 'root', ['FTP_PASSWORD'])).toEqual({ FTP_USER: 'user_list' });
  });
});
