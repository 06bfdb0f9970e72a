import { describe, expect, it } from 'vitest';
import { phpIniArgs } from './daemons.js';

describe('phpIniArgs', () => {
  it('turns settings into -d pairs, in order', () => {
    expect(phpIniArgs({ 'opcache.memory_consumption': 64, 'opcache.validate_timestamps': 0, realpath_cache_size: '4096K' })).toEqual([
      '-d',
      'opcache.memory_consumption=64',
      '-d',
      'opcache.validate_timestamps=0',
      '-d',
      'realpath_cache_size=4096K',
    ]);
    expect(phpIniArgs({})).toEqual([]);
  });

  it('refuses anything that is not a plain name and value', () => {
    expect(() => phpIniArgs({ 'a b': 1 })).toThrow(/not a plain/);
    expect(() => phpIniArgs({ 'opcache.blacklist_filename': '/x y' })).toThrow(/not a plain/);
    expect(() => phpIniArgs({ x: 'a\nb' })).toThrow(/not a plain/);
  });
});
