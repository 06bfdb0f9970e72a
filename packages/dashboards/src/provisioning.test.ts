import { describe, expect, it } from 'vitest';
import { expandGrafanaVars, expandProvisioningValue, goExpandEnv, parseDashboardProvidersFile, parseDatasourcesFile } from './provisioning.js';

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
    expect(expandProvisioningValue('${A}-$B-$$C', { env: { A: 'x', B: 'y' } })).toBe('x-y-$C');
    expect(expandProvisioningValue('$MISSING', { env: {} })).toBe('');
  });

  it('expands a value twice, as Grafana does: a $ inside what ${NAME} or $__file{} brought in is eaten', () => {
    const env = { PW: 'Pa$sw0rd' };
    expect(expandProvisioningValue('${PW}', { env })).toBe('Pa');
    expect(expandProvisioningValue('$__env{PW}', { env })).toBe('Pa');
    expect(expandProvisioningValue('$__file{/pw}', { env, readFile: () => 'Pa$sw0rd\n' })).toBe('Pa');
    // Only $$ written in the file itself survives.
    expect(expandProvisioningValue('Pa$$sw0rd', { env })).toBe('Pa$sw0rd');
  });

  it("Go's os.ExpandEnv: special one-character names, bad syntax eaten, a lone $ kept", () => {
    expect(goExpandEnv('a$$b', {})).toBe('ab');
    expect(goExpandEnv('a$1b', {})).toBe('ab');
    expect(goExpandEnv('a${}b${', {})).toBe('ab');
    expect(goExpandEnv('a$%b$', {})).toBe('a$%b$');
    expect(goExpandEnv('${X}y$X', { X: '$Y' })).toBe('$Yy$Y');
  });

  it("grafana.ini's expanders: ${}, $__env{}, $__file{} once, a bare $NAME left alone", () => {
    const env = { A: 'x', B: '${A}' };
    expect(expandGrafanaVars('$A ${A} $__env{B} $__file{/f}', { env, readFile: () => ' $__env{A} ' })).toBe('$A x ${A} $__env{A}');
  });
});
