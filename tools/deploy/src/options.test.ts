import { describe, expect, it } from 'vitest';
import { parseOptions } from './options.js';

describe('parseOptions', () => {
  it('defaults to up, with the documented defaults', () => {
    const o = parseOptions([], {});
    expect(o).toMatchObject({
      command: 'up',
      dryRun: false,
      profile: 'ft-services',
      cpus: 2,
      memoryMb: 4096,
      disk: '20g',
      timeoutS: 900,
      lbOctet: undefined,
      address: undefined,
    });
  });

  it('takes every flag of the old setup.sh, the command anywhere', () => {
    const o = parseOptions(
      [
        '--dry-run',
        'up',
        '--profile',
        'p',
        '--driver',
        'kvm2',
        '--cpus',
        '4',
        '--memory',
        '8192',
        '--disk',
        '40g',
        '--lb-octet',
        '250',
        '--timeout',
        '60',
        '--rebuild',
      ],
      {},
    );
    expect(o).toMatchObject({
      command: 'up',
      dryRun: true,
      profile: 'p',
      driver: 'kvm2',
      cpus: 4,
      memoryMb: 8192,
      disk: '40g',
      lbOctet: 250,
      timeoutS: 60,
      rebuild: true,
    });
    expect(parseOptions(['delete', '--purge'], {})).toMatchObject({ command: 'delete', purge: true });
    expect(parseOptions(['status', '--json'], {})).toMatchObject({ command: 'status', json: true });
    expect(parseOptions(['status', '--token'], {})).toMatchObject({ command: 'status', token: true });
    expect(parseOptions(['verify'], {})).toMatchObject({ command: 'verify' });
  });

  it('reads the FT_* variables; a flag wins', () => {
    const env = {
      FT_MINIKUBE_PROFILE: 'e',
      FT_MINIKUBE_DRIVER: 'vfkit',
      FT_MINIKUBE_CPUS: '3',
      FT_MINIKUBE_MEMORY: '6000',
      FT_MINIKUBE_DISK: '30g',
      FT_LB_OCTET: '200',
      FT_TIMEOUT: '100',
    };
    expect(parseOptions([], env)).toMatchObject({ profile: 'e', driver: 'vfkit', cpus: 3, memoryMb: 6000, disk: '30g', lbOctet: 200, timeoutS: 100 });
    expect(parseOptions(['--cpus', '5', '--address', '10.0.0.9'], env)).toMatchObject({ cpus: 5, address: '10.0.0.9', lbOctet: undefined });
    expect(parseOptions([], { FT_LB_ADDRESS: '10.0.0.7', FT_LB_OCTET: '9' })).toMatchObject({ address: '10.0.0.7', lbOctet: undefined });
  });

  it('hands local and everything after it to tools/stack, --dry-run taken out', () => {
    expect(parseOptions(['local', 'status', '--json', '--dry-run'], {})).toMatchObject({ command: 'local', dryRun: true, localArgs: ['status', '--json'] });
  });

  it('refuses bad input naming it (usage errors)', () => {
    expect(() => parseOptions(['--cpus', 'two'], {})).toThrow(/--cpus must be a whole number/);
    expect(() => parseOptions(['--lb-octet', '255'], {})).toThrow(/--lb-octet must be a whole number from 1 to 254/);
    expect(() => parseOptions(['--bogus'], {})).toThrow(/Unknown option '--bogus'/);
    expect(() => parseOptions(['frobnicate'], {})).toThrow(/unknown argument 'frobnicate'/);
    expect(() => parseOptions(['up', '--purge'], {})).toThrow(/--purge goes with delete/);
    expect(() => parseOptions(['up', 'local'], {})).toThrow(/'local' must come first/);
    expect(() => parseOptions(['--address', '1.2.3.4', '--lb-octet', '5'], {})).toThrow(/give one/);
    expect(() => parseOptions(['--profile'], {})).toThrow(/argument missing|--profile/);
    expect(() => parseOptions([], { FT_TIMEOUT: 'soon' })).toThrow(/FT_TIMEOUT/);
  });

  it('--help needs nothing else', () => {
    expect(parseOptions(['--help'], {}).help).toBe(true);
    expect(parseOptions(['help'], {}).help).toBe(true);
  });
});
