/**
 * The data dir is the volume: kill -9 of influxd ends the agent with 70 (the container restarts),
 * and every point influxd acknowledged before the kill is there after the next start.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { removeDir } from '@ft/testkit';
import { PASSWORDS, rows, startInfluxdbService, write, type InfluxdbUnderTest } from './support.js';

const running: InfluxdbUnderTest[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const s of running.splice(0)) await s.agent.stop();
});
afterAll(async () => {
  for (const d of dirs) await removeDir(d);
});

describe('influxdb service: durability', () => {
  it('kill -9 of influxd: the agent exits 70; acknowledged points survive the next start', async () => {
    const first = await startInfluxdbService();
    running.push(first);
    dirs.push(first.dataDir);

    // Single points and batches, each acknowledged (204) before the next; then the kill at once,
    // with no graceful close that could flush anything.
    const t0 = Date.now() - 120_000;
    let acknowledged = 0;
    for (let i = 0; i < 40; i++) {
      const batch = Array.from({ length: 25 }, (_, j) => `durable,batch=b${i} n=${i * 25 + j} ${t0 + i * 25 + j}`).join('\n');
      expect(await write(first.url, 'agent', PASSWORDS.write, 'metrics', batch)).toBe(204);
      acknowledged += 25;
    }
    const pid = await first.agent.pidOf('influxd');
    process.kill(pid, 'SIGKILL');

    const exit = await first.agent.exit;
    expect(exit.code).toBe(70);
    const fatal = first.agent.lines.find((l) => l.level === 'fatal');
    expect(fatal?.msg).toBe('FT_ERR_PROCESS_EXIT: process influxd killed by SIGKILL');

    const second = await startInfluxdbService({ dataDir: first.dataDir });
    running.push(second);
    expect(await rows(second.url, 'grafana', PASSWORDS.read, 'SELECT count(n) FROM durable', 'metrics')).toEqual([[expect.any(String), acknowledged]]);
    expect(await rows(second.url, 'grafana', PASSWORDS.read, 'SELECT max(n) FROM durable', 'metrics')).toEqual([[expect.any(String), acknowledged - 1]]);
  });
});
