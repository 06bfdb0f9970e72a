// No injection through a setting (what is proven and how: @ft/testkit's injectionRefusals).
import { describe, expect, it } from 'vitest';
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

describe.each(['alpine', 'debian'] as const)('vsftpd.conf and its user list on %s: no injection through a setting', (platform) => {
  it('a line break plus ssl_enable=NO is refused in every setting vsftpd.conf carries', async () => {
    expect(await injectionRefusals(ftps, ENV, platform, ['vsftpd.conf'], 'ssl_enable=NO')).toEqual({
      AGENT_RUN_DIR: 'vsftpd.conf',
      EXTERNAL_HOST: 'vsftpd.conf',
      LISTEN_HOST: 'vsftpd.conf',
      FTP_PORT: 'vsftpd.conf',
    });
  });

  it('a second user name cannot be slipped into the user list', async () => {
    expect(await injectionRefusals(ftps, ENV, platform, ['user_list'], 'root')).toEqual({ FTP_USER: 'user_list' });
  });
});
