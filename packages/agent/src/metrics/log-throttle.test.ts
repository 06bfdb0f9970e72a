import { describe, expect, it } from 'vitest';
import { LogThrottle } from './log-throttle.js';

describe('LogThrottle', () => {
  it('lets one occurrence through per window and reports how many it swallowed', () => {
    let now = 0;
    const t = new LogThrottle(10_000, () => now);
    expect(t.hit()).toBe(0);
    now = 5_000;
    expect(t.hit()).toBeUndefined();
    expect(t.hit()).toBeUndefined();
    now = 10_000;
    expect(t.hit()).toBe(2);
    now = 19_999;
    expect(t.hit()).toBeUndefined();
    now = 30_000;
    expect(t.hit()).toBe(1);
  });
});
