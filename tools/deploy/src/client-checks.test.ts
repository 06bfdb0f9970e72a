import { CHECK_NAMES, type CheckResult } from '@ft/verify';
import { describe, expect, it } from 'vitest';
import { SERVICE_OF_CHECK, toClientResults } from './client-checks.js';

describe('the client checks of @ft/verify', () => {
  it('every check points at a service to diagnose', () => {
    expect(Object.keys(SERVICE_OF_CHECK).sort()).toEqual([...CHECK_NAMES].sort());
  });

  it('a failure keeps its reason and code; a skip does not pass', () => {
    const results: CheckResult[] = [
      { name: 'ssh-login', title: 'ssh USER@IP logs in', status: 'pass', message: 'id -un: ftuser', ms: 10 },
      {
        name: 'ftps-transfer',
        title: 'FTPS upload and download',
        status: 'fail',
        message: 'PASV address 10.244.0.5 is not the public address',
        code: 'FT_VERIFY_TRANSFER',
        ms: 10,
      },
      { name: 'grafana-login', title: 'Grafana login', status: 'skip', message: 'not installed', ms: 0 },
    ];
    expect(toClientResults(results)).toEqual([
      { name: 'ssh-login (ssh USER@IP logs in)', ok: true, message: 'id -un: ftuser', service: 'nginx' },
      {
        name: 'ftps-transfer (FTPS upload and download)',
        ok: false,
        message: 'PASV address 10.244.0.5 is not the public address [FT_VERIFY_TRANSFER]',
        service: 'ftps',
      },
      { name: 'grafana-login (Grafana login)', ok: false, message: 'skipped: not installed', service: 'grafana' },
    ]);
  });
});
