import { describe, expect, it } from 'vitest';
import { waitAtMost, withDeadline } from './deadline.js';

const never = new Promise<never>(() => undefined);

describe('deadline', () => {
  it('waitAtMost says whether the work settled in time, rejected work included', async () => {
    expect(await waitAtMost(Promise.resolve(1), 1_000)).toBe(true);
    expect(await waitAtMost(Promise.reject(new Error('x')), 1_000)).toBe(true);
    expect(await waitAtMost(never, 20)).toBe(false);
  });

  it('withDeadline passes the outcome through, or rejects with the timeout error', async () => {
    await expect(withDeadline(Promise.resolve('ok'), 1_000, () => new Error('late'))).resolves.toBe('ok');
    await expect(withDeadline(Promise.reject(new Error('boom')), 1_000, () => new Error('late'))).rejects.toThrow('boom');
    await expect(withDeadline(never, 20, () => new Error('late'))).rejects.toThrow('late');
  });
});
