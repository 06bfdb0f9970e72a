import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testContext } from '../test/support.js';
import { localCommand, localNeedsBuild } from './local.js';

describe('local', () => {
  it('hands its arguments to tools/stack unchanged, on the terminal', async () => {
    const ctx = testContext(['local', 'status', '--json']);
    ctx.paths.root = mkdtempSync(path.join(tmpdir(), 'deploy-local-'));
    expect(await localCommand({ ...ctx, paths: { ...ctx.paths, root: built(ctx.paths.root) } })).toBe(0);
    const last = ctx.runner.calls.at(-1);
    expect(last?.args.slice(-3)).toEqual(['local', 'status', '--json']);
    expect(ctx.runner.options.at(-1)).toMatchObject({ interactive: true });
    expect(ctx.runner.calls).toHaveLength(1);
  });

  it('installs and builds first when something is missing; --dry-run prints it all', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'deploy-local-'));
    mkdirSync(path.join(root, 'services', 'nginx'), { recursive: true });
    writeFileSync(path.join(root, 'services', 'nginx', 'package.json'), '{}');
    expect(localNeedsBuild(root)).toBe(true);
    const ctx = testContext(['local', '--dry-run']);
    await localCommand(ctx);
    expect(ctx.runner.planned().map((l) => l.replace(/^\S*node /, 'node ').replace(/\S*\/tools\//g, 'tools/'))).toEqual([
      'bash tools/install-debian-packages.sh',
      'bash tools/install-npm-packages.sh',
      'npx --no-install nx run-many -t build --outputStyle=stream',
      'node tools/stack/dist/cli.js local',
    ]);
  });
});

/** A repository where everything the local mode needs is built. */
function built(root: string): string {
  for (const dir of ['node_modules', 'tools/stack/dist', 'services/nginx/dist']) mkdirSync(path.join(root, dir), { recursive: true });
  writeFileSync(path.join(root, 'tools/stack/dist/cli.js'), '');
  writeFileSync(path.join(root, 'services/nginx/package.json'), '{}');
  writeFileSync(path.join(root, 'services/nginx/dist/agent.js'), '');
  return root;
}
