import { describe, expect, it } from 'vitest';
import { ConfigError } from '@ft/agent';
import { MAX_PASV_PORTS, passiveRange } from './passive-range.js';

const base = { FTP_PORT: 21, FTP_PASV_MIN_PORT: 30000, FTP_PASV_MAX_PORT: 30004 };

describe('passiveRange', () => {
  it('accepts a small range, down to one port', () => {
    expect(passiveRange(base)).toEqual({ min: 30000, max: 30004 });
    expect(passiveRange({ ...base, FTP_PASV_MAX_PORT: 30000 })).toEqual({ min: 30000, max: 30000 });
    expect(passiveRange({ ...base, FTP_PASV_MAX_PORT: 30000 + MAX_PASV_PORTS - 1 }).max).toBe(30019);
  });

  it('refuses a reversed range, naming FTP_PASV_MAX_PORT', () => {
    const err = (() => {
      try {
        passiveRange({ ...base, FTP_PASV_MAX_PORT: 29999 });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).variable).toBe('FTP_PASV_MAX_PORT');
    expect((err as ConfigError).exitCode).toBe(78);
  });

  it('refuses a range too wide to list on a Service', () => {
    expect(() => passiveRange({ ...base, FTP_PASV_MAX_PORT: 30020 })).toThrow(/FTP_PASV_MAX_PORT: .*at most 20 passive ports/);
  });

  it('refuses a control port inside the passive range', () => {
    expect(() => passiveRange({ ...base, FTP_PORT: 30002 })).toThrow(/^FTP_PORT: /);
  });
});
