import { makeTempDir, removeDir } from '@ft/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diskCollector } from './disk.js';

describe('disk', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTempDir('disk');
  });
  afterAll(async () => {
    await removeDir(dir);
  });

  it('reports size, use and inodes of each path', async () => {
    const points = await diskCollector([dir, dir]).collect();
    expect(points).toHaveLength(1);
    const p = points[0];
    expect(p?.measurement).toBe('disk');
    expect(p?.tags).toEqual({ path: dir });
    const f = p?.fields as Record<string, number>;
    expect(f['total']).toBeGreaterThan(0);
    expect(f['used']).toBeGreaterThan(0);
    expect(f['free']).toBeGreaterThan(0);
    expect(f['used']! + f['free']!).toBeLessThanOrEqual(f['total']!);
    expect(f['used_percent']).toBeGreaterThan(0);
    expect(f['used_percent']).toBeLessThan(100);
    expect(f['inodes_used']).toBe(f['inodes_total']! - f['inodes_free']!);
  });

  it('skips a missing path, fails only when none can be read', async () => {
    const points = await diskCollector([`${dir}/missing`, dir]).collect();
    expect(points.map((p) => p.tags?.['path'])).toEqual([dir]);
    await expect(diskCollector([`${dir}/missing`]).collect()).rejects.toThrow(/no disk path/);
    expect(await diskCollector([]).collect()).toEqual([]);
  });

  it('leaves inode fields out where the filesystem has none (procfs)', async () => {
    const [p] = await diskCollector(['/proc']).collect();
    expect(p?.fields['inodes_total']).toBeUndefined();
    expect(p?.fields['used_percent']).toBe(0);
  });
});
