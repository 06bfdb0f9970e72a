import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readlink, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { grafana } from './main.js';
import { grafanaServerLink, serverLinkStep } from './server-link.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('the grafana-server link', () => {
  it('is what the definition starts, pointing at the platform binary', () => {
    const ctx = { agent: { AGENT_RUN_DIR: '/run/ft' }, config: { GRAFANA_DATA_DIR: '/var/lib/grafana', LISTEN_HOST: '0.0.0.0', GRAFANA_PORT: 3000 }, platform: grafana.platforms.alpine };
    const [spec] = grafana.processes(ctx as unknown as Parameters<typeof grafana.processes>[0]);
    expect(spec?.argv[0]).toBe('/run/ft/grafana/bin/grafana-server');
    expect(spec?.argv.slice(1, 2)).toEqual(['server']);
  });

  it('names the process grafana-server, as `pkill grafana-server` expects', async () => {
    const runDir = await mkdtemp(path.join(os.tmpdir(), 'grafana-link-'));
    dirs.push(runDir);
    const link = grafanaServerLink(runDir);
    // Any binary stands in for Grafana: the name comes from the file executed.
    await serverLinkStep('/bin/sleep', link).run();
    await serverLinkStep('/bin/sleep', link).run();
    expect(await readlink(link)).toBe('/bin/sleep');
    const child = spawn(link, ['30'], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => child.once('spawn', resolve));
      expect((await readFile(`/proc/${child.pid}/comm`, 'utf8')).trim()).toBe('grafana-server');
    } finally {
      child.kill('SIGKILL');
    }
  });
});
