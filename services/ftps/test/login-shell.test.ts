/**
 * The FTP account has no login shell on either platform. On Debian (the local mode, where the
 * account is a host account) the agent's own PAM service makes that possible: Debian's
 * /etc/pam.d/vsftpd ends with pam_shells, which admits only shells listed in /etc/shells.
 */
import { describe, expect, it } from 'vitest';
import { renderServiceTemplates } from '@ft/agent';
import { ftps } from '../src/service.js';
import { platforms } from '../src/platform.js';

const sample = { FTP_USER: 'alice', FTP_PASSWORD: 'a-long-password', EXTERNAL_HOST: '203.0.113.7', AGENT_RUN_DIR: '/run/ft' };

describe('the FTP account gets no login shell', () => {
  it('on both platforms', () => {
    expect(platforms.alpine.loginShell).toBe('/sbin/nologin');
    expect(platforms.debian.loginShell).toBe('/usr/sbin/nologin');
  });

  it('on Debian, vsftpd authenticates through a PAM service of the agent without pam_shells', async () => {
    const files = await renderServiceTemplates(ftps, sample, 'debian');
    const pam = files.find((f) => f.spec.target === '/etc/pam.d/ft-vsftpd');
    expect(pam?.spec.mode).toBe(0o644);
    const rules = (pam?.content ?? '').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
    expect(rules).toEqual([
      'auth\trequired\tpam_listfile.so item=user sense=deny file=/etc/ftpusers onerr=succeed',
      '@include common-account',
      '@include common-session',
      '@include common-auth',
    ]);
    expect(files.find((f) => f.spec.source === 'vsftpd.conf')?.content).toMatch(/^pam_service_name=ft-vsftpd$/m);
  });

  it('on Alpine, the image ships the PAM file: the agent writes none', async () => {
    const files = await renderServiceTemplates(ftps, sample, 'alpine');
    expect(files.map((f) => f.spec.target).filter((t) => t.startsWith('/etc/'))).toEqual([]);
    expect(files.find((f) => f.spec.source === 'vsftpd.conf')?.content).toMatch(/^pam_service_name=vsftpd$/m);
  });
});
