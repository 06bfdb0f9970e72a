import { spawn } from 'node:child_process';
import { readFile, readlink } from 'node:fs/promises';
import { makeTempDir, removeDir } from '@ft/testkit';
import { describe, expect, it } from 'vitest';
import { processNameLink, processNameLinkStep } from './process-name-link.js';

describe('processNameLinkStep', () => {
  it('names the process after the link, and can be made again at the next start', async () => {
    const runDir = await makeTempDir('name-link');
    try {
      const link = processNameLink(runDir, 'grafana-server');
      // Any binary stands in for the daemon: the name comes from the file executed.
      await processNameLinkStep('/bin/sleep', link).run();
      await processNameLinkStep('/bin/sleep', link).run();
      expect(await readlink(link)).toBe('/bin/sleep');
      const child = spawn(link, ['30'], { stdio: 'ignore' });
      try {
        await new Promise((resolve) => child.once('spawn', resolve));
        expect((await readFile(`/proc/${child.pid}/comm`, 'utf8')).trim()).toBe('grafana-server');
      } finally {
        child.kill('SIGKILL');
      }
    } finally {
      await removeDir(runDir);
    }
  });
});
