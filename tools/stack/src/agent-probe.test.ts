import { describe, expect, it } from 'vitest';
import { describeFailures } from './agent-probe.js';

describe('describeFailures', () => {
  it('lists the failing checks of a /readyz body', () => {
    const body = JSON.stringify({
      status: 'fail',
      ok: false,
      phase: 'running',
      failures: [
        { kind: 'check', name: 'mysql', reason: "Access denied for user 'wordpress'" },
        { kind: 'process', name: 'nginx', reason: 'not ready yet' },
      ],
    });
    expect(describeFailures(body)).toBe("mysql: Access denied for user 'wordpress'; nginx: not ready yet");
  });

  it('gives null for a body without failures or not JSON', () => {
    expect(describeFailures('{"status":"ok","failures":[]}')).toBeNull();
    expect(describeFailures('<html>')).toBeNull();
  });
});
