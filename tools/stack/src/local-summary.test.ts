import { describe, expect, it } from 'vitest';
import { localLayout } from './local-layout.js';
import { summaryLines } from './local-summary.js';
import { generateSecrets } from './secrets.js';

describe('local summary', () => {
  const layout = localLayout({ stateDir: '/tmp/ft-state', address: '127.0.0.9', internalAddress: '127.0.0.10' });
  const secrets = generateSecrets();

  it('names every URL on the public address, every login with its password, and the SSH and FTPS commands', () => {
    const text = summaryLines({ layout, secrets }).join('\n');
    for (const url of [
      'http://127.0.0.9',
      'https://127.0.0.9/wordpress',
      'https://127.0.0.9/phpmyadmin/',
      'https://127.0.0.9:5050/wp-admin/',
      'https://127.0.0.9:3000',
    ])
      expect(text).toContain(url);
    for (const u of secrets.wordpress.users) expect(text).toMatch(new RegExp(`${u.login}\\s+${u.password.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(text).toContain(`ssh ${secrets.ssh.user}@127.0.0.9`);
    expect(text).toContain(`lftp -u ${secrets.ftp.user}`);
    expect(text).toContain(secrets.ftp.password);
    expect(text).toContain(secrets.grafana.admin.password);
    expect(text).toContain('/tmp/ft-state/secrets.json');
    expect(text).not.toContain('127.0.0.10');
  });

  it('says why Grafana is not there when it is skipped', () => {
    expect(summaryLines({ layout, secrets, grafanaSkipped: 'grafana-server is not installed' }).join('\n')).toContain(
      'not running here, grafana-server is not installed',
    );
  });
});
