import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeTempDir, removeDir } from '@ft/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricPoint } from '../types.js';
import { containerResourcesCollector, resolveResourceSource } from './container-resources.js';

const GiB = 1024 ** 3;
const fields = (points: MetricPoint[], m: string) => points.find((p) => p.measurement === m)?.fields ?? {};

async function files(root: string, content: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(content)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), text);
  }
}

describe('container resources', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTempDir('cgroup-fixture');
  });
  afterAll(async () => {
    await removeDir(dir);
  });

  it('auto picks cgroup v2 only where the container has its own memory.current', async () => {
    const v2 = path.join(dir, 'auto-v2');
    await files(v2, { 'memory.current': '1\n' });
    expect(resolveResourceSource('auto', v2)).toBe('cgroup2');
    expect(resolveResourceSource('auto', path.join(dir, 'nothing'))).toBe('proc');
    expect(resolveResourceSource('cgroup1', v2)).toBe('cgroup1');
    // This machine: cgroup v1 with the host's hierarchy, so the process table is the truth.
    expect(resolveResourceSource('auto')).toBe(existsSync('/sys/fs/cgroup/memory.current') ? 'cgroup2' : 'proc');
  });

  it('cgroup2: CPU from cpu.stat, memory without inactive file cache, the limit', async () => {
    const root = path.join(dir, 'v2');
    await files(root, {
      'cpu.stat': 'usage_usec 5000000\nuser_usec 4000000\nsystem_usec 1000000\n',
      'memory.current': `${300 * 1024 ** 2}\n`,
      'memory.max': `${GiB}\n`,
      'memory.stat': `anon 100\nfile 200\ninactive_file ${100 * 1024 ** 2}\nactive_file 5\n`,
    });
    let now = 0;
    const c = containerResourcesCollector({ source: 'cgroup2', sysfsRoot: root, now: () => now });
    const first = await c.collect();
    expect(fields(first, 'cpu')).toEqual({ usage_total_seconds: 5 });
    expect(fields(first, 'mem')).toEqual({ used: 200 * 1024 ** 2, limit: GiB, used_percent: (200 / 1024) * 100 });

    await files(root, { 'cpu.stat': 'usage_usec 6500000\n', 'memory.max': 'max\n' });
    now = 3_000;
    const second = await c.collect();
    expect(fields(second, 'cpu')).toEqual({ usage_total_seconds: 6.5, usage_percent: 50 });
    expect(fields(second, 'mem')).toEqual({ used: 200 * 1024 ** 2 });
  });

  it('cgroup1: cpuacct.usage in ns, memory usage and limit, "unlimited" left out', async () => {
    const root = path.join(dir, 'v1');
    await files(root, {
      'cpuacct/cpuacct.usage': '2000000000\n',
      'memory/memory.usage_in_bytes': `${512 * 1024 ** 2}\n`,
      'memory/memory.limit_in_bytes': `${2 * GiB}\n`,
      'memory/memory.stat': `cache 10\ntotal_inactive_file ${12 * 1024 ** 2}\n`,
    });
    let now = 0;
    const c = containerResourcesCollector({ source: 'cgroup1', sysfsRoot: root, now: () => now });
    expect(fields(await c.collect(), 'mem')).toEqual({ used: 500 * 1024 ** 2, limit: 2 * GiB, used_percent: (500 / 2048) * 100 });

    await files(root, { 'cpuacct/cpuacct.usage': '4000000000\n', 'memory/memory.limit_in_bytes': '9223372036854771712\n' });
    now = 1_000;
    const points = await c.collect();
    expect(fields(points, 'cpu')).toEqual({ usage_total_seconds: 4, usage_percent: 200 });
    expect(fields(points, 'mem')).toEqual({ used: 500 * 1024 ** 2 });
  });

  it('cgroup source with missing files fails loudly (the pipeline logs and skips it)', async () => {
    const c = containerResourcesCollector({ source: 'cgroup2', sysfsRoot: path.join(dir, 'nothing') });
    await expect(c.collect()).rejects.toThrow(/ENOENT/);
  });

  it('proc: the sum over visible processes, CPU percent from the second collection', async () => {
    const c = containerResourcesCollector({ source: 'proc' });
    const first = await c.collect();
    expect(fields(first, 'cpu')['usage_total_seconds']).toBeGreaterThan(0);
    expect(fields(first, 'mem')['used']).toBeGreaterThan(process.memoryUsage.rss());
    expect(fields(first, 'mem')['limit']).toBeUndefined();
    // Burn some CPU so the interval has something to show.
    const until = Date.now() + 200;
    while (Date.now() < until) Math.sqrt(Math.random());
    const second = await c.collect();
    const percent = fields(second, 'cpu')['usage_percent'] as number;
    expect(percent).toBeGreaterThan(10);
    expect(percent).toBeLessThan(100 * 64);
  });
});
