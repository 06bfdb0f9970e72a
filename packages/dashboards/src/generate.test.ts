import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { makeTempDir, removeDir } from '@ft/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { writeDashboards } from './generate.js';
import { dashboardProblems } from './validate.js';

describe('writeDashboards (the build step)', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) await removeDir(dir);
  });

  it('writes one <uid>.json per dashboard, each valid when read back, and removes stale ones', async () => {
    dir = await makeTempDir('dashboards');
    await writeDashboards(dir);
    const stale = path.join(dir, 'ft-removed.json');
    await import('node:fs/promises').then((fs) => fs.writeFile(stale, '{}'));
    await writeDashboards(dir);
    const files = (await readdir(dir)).sort();
    expect(files).toEqual([
      'ft-ftps.json',
      'ft-grafana.json',
      'ft-influxdb.json',
      'ft-mysql.json',
      'ft-nginx.json',
      'ft-overview.json',
      'ft-phpmyadmin.json',
      'ft-wordpress.json',
    ]);
    for (const f of files) expect(dashboardProblems(JSON.parse(await readFile(path.join(dir, f), 'utf8')))).toEqual([]);
  });
});
