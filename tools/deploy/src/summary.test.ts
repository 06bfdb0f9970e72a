import { describe, expect, it } from 'vitest';
import { summaryText } from './summary.js';

describe('summaryText', () => {
  it('prints Grafana over TLS and no dashboard token', () => {
    const text = summaryText('192.168.49.240', 'ft-services', {
      wordpress: { users: [{ login: 'admin', password: 'pw-admin-1', role: 'administrator', email: 'a@b.c' }] },
      phpmyadmin: { user: 'wp', password: 'pw-db-12', note: 'root cannot log in to phpMyAdmin' },
      mysql: { rootPassword: 'pw-root-1', database: 'wordpress' },
      ssh: { user: 'ftuser', password: 'pw-ssh-1' },
      ftp: { user: 'ftpuser', password: 'pw-ftp-1' },
      grafana: { user: 'admin', password: 'pw-graf-1' },
      influxdb: {} as never,
    });
    expect(text).toContain('grafana     https://192.168.49.240:3000/');
    expect(text).not.toMatch(/http:\/\/192\.168\.49\.240:3000/);
    expect(text).toMatch(/administrator +admin +pw-admin-1/);
    expect(text).toMatch(/\.\/setup\.sh status --token/);
    expect(text).not.toMatch(/eyJ|create token/);
  });
});
