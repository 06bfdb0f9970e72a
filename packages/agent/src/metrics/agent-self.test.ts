import { describe, expect, it } from 'vitest';
import { agentSelfCollector } from './agent-self.js';

describe('agent self', () => {
  it('reports uptime, a stable start time and memory', async () => {
    const c = agentSelfCollector();
    const [a] = await c.collect();
    const [b] = await c.collect();
    expect(a?.measurement).toBe('agent');
    const f = a?.fields as Record<string, number>;
    expect(f['uptime_s']).toBeGreaterThan(0);
    expect(Math.abs(f['started_at_ms']! + f['uptime_s']! * 1000 - Date.now())).toBeLessThan(1000);
    expect(b?.fields['started_at_ms']).toBe(f['started_at_ms']);
    expect(f['heap_used']).toBeGreaterThan(1024 * 1024);
    expect(f['rss']).toBeGreaterThan(f['heap_used']!);
  });
});
