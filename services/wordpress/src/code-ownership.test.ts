import { chown, lstat, mkdir, mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { enforceCodeOwnership } from './code-ownership.js';

// Needs root (it hands files between users), as the agent in the image and the tests here run.
const asRoot = process.getuid?.() === 0;
const AGENT = { uid: 0, gid: 0 };
const WEB = { uid: 33, gid: 33 };
const dirs: string[] = [];

afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A wp-content as the image's Dockerfile leaves it: everything the web user's, a group-writable plugin file. */
async function imageLikeContent(): Promise<{ root: string; content: string; outside: string }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'ft-code-owner-'));
  dirs.push(root);
  const content = path.join(root, 'wp-content');
  for (const dir of ['plugins/akismet', 'themes/twentyfive', 'uploads/2026/12', 'languages']) await mkdir(path.join(content, dir), { recursive: true });
  await writeFile(path.join(content, 'index.php'), '<?php');
  await writeFile(path.join(content, 'plugins/akismet/akismet.php'), '<?php', { mode: 0o664 });
  await writeFile(path.join(content, 'themes/twentyfive/functions.php'), '<?php');
  await writeFile(path.join(content, 'uploads/2026/12/photo.txt'), 'x');
  // Planted by the web user: a link to a file of root's elsewhere.
  const outside = path.join(root, 'shadow-like');
  await writeFile(outside, 'secret', { mode: 0o600 });
  await symlink(outside, path.join(content, 'plugins/evil'));
  const all = [
    '',
    'index.php',
    'plugins',
    'plugins/akismet',
    'plugins/akismet/akismet.php',
    'themes',
    'themes/twentyfive',
    'themes/twentyfive/functions.php',
    'uploads',
    'uploads/2026',
    'uploads/2026/12',
    'uploads/2026/12/photo.txt',
    'languages',
  ];
  for (const p of all) await chown(path.join(content, p), WEB.uid, WEB.gid);
  return { root, content, outside };
}

describe.runIf(asRoot)('code ownership', () => {
  it("by default everything but the uploads becomes the agent's, without group/other write; a planted link changes nothing it points at", async () => {
    const { content, outside } = await imageLikeContent();
    const changed = await enforceCodeOwnership({ contentDir: content, agent: AGENT, web: WEB, writable: false, skip: [path.join(content, 'uploads')] });
    expect(changed).toBeGreaterThan(0);
    for (const p of ['', 'index.php', 'plugins', 'plugins/akismet/akismet.php', 'themes/twentyfive/functions.php', 'languages']) {
      const st = await stat(path.join(content, p));
      expect({ p, uid: st.uid, gid: st.gid, groupOrOtherWrite: (st.mode & 0o022) !== 0 }).toEqual({ p, uid: 0, gid: 0, groupOrOtherWrite: false });
    }
    expect((await lstat(path.join(content, 'plugins/evil'))).uid).toBe(0);
    expect((await stat(outside)).mode & 0o777).toBe(0o600);
    // The uploads are the web user's still.
    expect((await stat(path.join(content, 'uploads/2026/12/photo.txt'))).uid).toBe(WEB.uid);
    // A second run changes nothing.
    expect(await enforceCodeOwnership({ contentDir: content, agent: AGENT, web: WEB, writable: false, skip: [path.join(content, 'uploads')] })).toBe(0);
  });

  it("writable: plugins, themes and upgrade are the web user's, the rest of wp-content the agent's", async () => {
    const { content } = await imageLikeContent();
    await enforceCodeOwnership({ contentDir: content, agent: AGENT, web: WEB, writable: true, skip: [path.join(content, 'uploads')] });
    for (const p of ['plugins', 'plugins/akismet/akismet.php', 'themes/twentyfive/functions.php', 'upgrade'])
      expect((await stat(path.join(content, p))).uid, p).toBe(WEB.uid);
    for (const p of ['', 'index.php', 'languages']) expect((await stat(path.join(content, p))).uid, p).toBe(0);
  });
});
