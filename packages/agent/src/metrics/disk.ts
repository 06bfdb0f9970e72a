/**
 * `disk` per declared path (the service's volumes), named as telegraf's disk plugin: sizes in
 * bytes, used_percent as `df` computes it (used / (used + available)), so reserved root blocks do
 * not make a full disk look 95 % used.
 */
import { statfs } from 'node:fs/promises';
import type { FieldValues } from '@ft/platform';
import type { Collector, MetricPoint } from '../types.js';
import { measurementPoint } from './measurement-point.js';

async function diskFields(path: string): Promise<FieldValues<'disk'>> {
  const s = await statfs(path);
  const total = s.blocks * s.bsize;
  const free = s.bavail * s.bsize;
  const used = (s.blocks - s.bfree) * s.bsize;
  const fields: FieldValues<'disk'> = {
    total,
    used,
    free,
    used_percent: used + free > 0 ? (used / (used + free)) * 100 : 0,
  };
  // Some filesystems (btrfs, overlay on some hosts) report no inode table at all: say nothing
  // rather than report a disk with zero inodes.
  if (s.files > 0) {
    fields.inodes_total = s.files;
    fields.inodes_free = s.ffree;
    fields.inodes_used = s.files - s.ffree;
  }
  return fields;
}

/**
 * A path that cannot be read (a volume not mounted yet) is left out of that round; the collector
 * only fails when every path does, so one bad path does not hide the others.
 */
export function diskCollector(paths: readonly string[]): Collector {
  const unique = [...new Set(paths)];
  return {
    name: 'disk',
    async collect(): Promise<MetricPoint[]> {
      const results = await Promise.allSettled(unique.map((p) => diskFields(p)));
      const points: MetricPoint[] = [];
      const errors: unknown[] = [];
      results.forEach((r, i) => {
        if (r.status === 'fulfilled') points.push(measurementPoint('disk', r.value, { path: unique[i] as string }));
        else errors.push(r.reason);
      });
      if (points.length === 0 && errors.length > 0) throw new AggregateError(errors, 'no disk path could be read');
      return points;
    },
  };
}
