import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { makeTempDir, removeDir } from '@ft/testkit';
import { describe, expect, it } from 'vitest';
import { allowTraversal } from './run-dir.js';

describe('allowTraversal', () => {
  it('adds search permission for group and others, nothing else, and makes a missing dir', async () => {
    const root = await makeTempDir('run-dir');
    try {
      const dir = path.join(root, 'private');
      await mkdir(dir, { mode: 0o700 });
      await allowTraversal(dir);
      expect((await stat(dir)).mode & 0o777).toBe(0o711);
      const fresh = path.join(root, 'a/b');
      await allowTraversal(fresh);
      expect((await stat(fresh)).mode & 0o011).toBe(0o011);
    } finally {
      await removeDir(root);
    }
  });
});
