import { describe, expect, it } from 'vitest';
import { parseOptions } from './options.js';

describe('backup and restore options', () => {
  it('backup takes an optional file and --with-secrets / --passphrase-file', () => {
    expect(parseOptions(['backup'], {})).toMatchObject({ command: 'backup', file: undefined, withSecrets: false });
    expect(parseOptions(['backup', 'site.tar', '--with-secrets', '--passphrase-file', 'p.txt'], {})).toMatchObject({
      file: 'site.tar',
      withSecrets: true,
      passphraseFile: 'p.txt',
    });
  });

  it('restore needs its file; --force goes with restore only', () => {
    expect(parseOptions(['restore', 'site.tar', '--force'], {})).toMatchObject({ command: 'restore', file: 'site.tar', force: true });
    expect(() => parseOptions(['restore'], {})).toThrow(/restore needs the archive/);
    expect(() => parseOptions(['status', '--force'], {})).toThrow(/--force goes with restore/);
    expect(() => parseOptions(['up', '--with-secrets'], {})).toThrow(/go with backup and restore/);
    expect(() => parseOptions(['status', 'site.tar'], {})).toThrow(/unknown argument 'site.tar'/);
  });
});
