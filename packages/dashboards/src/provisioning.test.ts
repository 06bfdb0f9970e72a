import { describe, expect, it } from 'vitest';
import { expandProvisioningEnv, parseDashboardProvidersFile, parseDatasourcesFile } from './provisioning.js';

describe('provisioning files', () => {
  it('accepts a datasource file with apiVersion 1 and refuses one without a uid or the wrong apiVersion', () => {
    const ok = 'apiVersion: 1\ndatasources:\n  - {name: I, type: influxdb, uid: influxdb, access: proxy, url: "http://x:8086"}\n';
    expect(parseDatasourcesFile(ok).datasources[0]?.uid).toBe('influxdb');
    expect(() => parseDatasourcesFile(ok.replace('uid: influxdb, ', ''))).toThrow(/uid/);
    expect(() => parseDatasourcesFile(ok.replace('apiVersion: 1', 'apiVersion: 2'))).toThrow(/apiVersion/);
  });

  it('refuses a dashboard provider without a path', () => {
    expect(() => parseDashboardProvidersFile('apiVersion: 1\nproviders:\n  - {name: p, type: file, options: {}}\n')).toThrow(/path/);
  });

  it('expands $NAME and ${NAME} from the environment, $$ as a literal $', () => {
    expect(expandProvisioningEnv('${A}-$B-$$C', { A: 'x', B: 'y' })).toBe('x-y-$C');
    expect(() => expandProvisioningEnv('$MISSING', {})).toThrow(/MISSING/);
  });
});
