import { describe, expect, it } from 'vitest';
import { RestartBackoff } from './restart-backoff.js';

describe('RestartBackoff', () => {
  it('starts at 0.5 s and doubles up to 10 s', () => {
    const b = new RestartBackoff();
    const delays = Array.from({ length: 8 }, () => b.delayAfter(1_000));
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000]);
  });

  it('starts over after a run of 60 s, not after a shorter one', () => {
    const b = new RestartBackoff();
    b.delayAfter(100);
    b.delayAfter(100);
    expect(b.delayAfter(59_999)).toBe(2_000);
    expect(b.delayAfter(60_000)).toBe(500);
    expect(b.delayAfter(10)).toBe(1_000);
  });
});
