import { mkdtemp, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderedConfigPath } from './paths.js';
import type { WordPressContext } from './env.js';
import { wpConfigLinkStep } from './init.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** Only the two fields the step reads; the rest of a context does not matter to it. */
function contextFor(wordpressDir: string, runDir: string): WordPressContext {
  return { platform: { wordpressDir }, agent: { AGENT_RUN_DIR: runDir } } as unknown as WordPressContext;
}

describe('the wp-config link (Alpine image)', () => {
  it('keeps a correct link, re-points a wrong one and replaces a plain file', async () => {
    const wp = await mkdtemp(path.join(os.tmpdir(), 'ft-wplink-'));
    dirs.push(wp);
    const link = path.join(wp, 'wp-config.php');
    const step = wpConfigLinkStep(contextFor(wp, '/srv/run'));

    await symlink(renderedConfigPath('/run/ft'), link);
    await step.run();
    expect(await readlink(link)).toBe('/srv/run/wordpress/wp-config.php');

    await step.run();
    expect(await readlink(link)).toBe('/srv/run/wordpress/wp-config.php');

    await rm(link);
    await writeFile(link, '<?php // a stray file');
    await step.run();
    expect(await readlink(link)).toBe('/srv/run/wordpress/wp-config.php');
  });
});
