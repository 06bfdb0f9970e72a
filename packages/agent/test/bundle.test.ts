/** The images carry `nodejs` and one bundle: prove the bundle needs no node_modules beside it. */
import { cp, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '@ft/testkit';
import { DEMO_BUNDLE, demoEnv, startAgent } from './agent-process.js';

describe('bundle', () => {
  it('runs from a directory with no node_modules anywhere above it', async () => {
    const root = await makeTempDir('bundle');
    try {
      await mkdir(path.join(root, 'dist'));
      await cp(DEMO_BUNDLE, path.join(root, 'dist/agent.js'));
      await cp(path.resolve(path.dirname(DEMO_BUNDLE), '../conf'), path.join(root, 'conf'), { recursive: true });
      const size = (await stat(DEMO_BUNDLE)).size;
      console.log(`demo agent bundle: ${(size / 1024).toFixed(0)} KiB`);
      // NODE_PATH empty and cwd in the temp dir: nothing can be resolved from the repo.
      const a = startAgent({ ...(await demoEnv()), NODE_PATH: '' }, [process.execPath, path.join(root, 'dist/agent.js')]);
      try {
        await a.waitReady();
        expect((await a.get('/metrics')).body).toContain('agent_up{service="demo"} 1');
      } finally {
        a.child.kill('SIGTERM');
        expect((await a.exit).code).toBe(0);
      }
    } finally {
      await removeDir(root);
    }
  });
});
