import { describe, expect, it } from 'vitest';
import { grafana } from './service.js';

describe('the grafana-server link', () => {
  it('is what the definition starts, so `pkill grafana-server` finds Grafana', () => {
    const ctx = {
      agent: { AGENT_RUN_DIR: '/run/ft' },
      config: { GRAFANA_DATA_DIR: '/var/lib/grafana', LISTEN_HOST: '0.0.0.0', GRAFANA_PORT: 3000 },
      platform: grafana.platforms.alpine,
    };
    const [spec] = grafana.processes(ctx as unknown as Parameters<typeof grafana.processes>[0]);
    expect(spec?.argv[0]).toBe('/run/ft/bin/grafana-server');
    expect(spec?.argv.slice(1, 2)).toEqual(['server']);
  });
});
