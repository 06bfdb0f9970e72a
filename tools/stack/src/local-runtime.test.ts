import { describe, expect, it } from 'vitest';
import { agentProcessEnv } from './local-runtime.js';

describe('agentProcessEnv', () => {
  it('gives the agent glibc malloc settings and the service env, nothing from the caller', () => {
    process.env.FT_CALLER_ONLY = 'leak';
    try {
      const env = agentProcessEnv(
        { config: { AGENT_PLATFORM: 'debian' }, accounts: { AGENT_INFLUX_USER: 'agent' }, files: { AGENT_INFLUX_PASSWORD: 'pw-value' } },
        { AGENT_INFLUX_PASSWORD_FILE: '/state/secret-files/nginx/AGENT_INFLUX_PASSWORD' },
      );
      expect(env.MALLOC_ARENA_MAX).toBe('2');
      expect(env.MALLOC_TRIM_THRESHOLD_).toBe('131072');
      expect(env.AGENT_PLATFORM).toBe('debian');
      expect(env.AGENT_INFLUX_USER).toBe('agent');
      // The secret only as a file: no value of it in the environment.
      expect(env.AGENT_INFLUX_PASSWORD_FILE).toBe('/state/secret-files/nginx/AGENT_INFLUX_PASSWORD');
      expect(Object.values(env)).not.toContain('pw-value');
      expect(env.AGENT_INFLUX_PASSWORD).toBeUndefined();
      expect(env.FT_CALLER_ONLY).toBeUndefined();
    } finally {
      delete process.env.FT_CALLER_ONLY;
    }
  });

  it('lets a service env override the malloc defaults', () => {
    const env = agentProcessEnv({ config: { MALLOC_ARENA_MAX: '4' }, accounts: {}, files: {} }, {});
    expect(env.MALLOC_ARENA_MAX).toBe('4');
  });
});
