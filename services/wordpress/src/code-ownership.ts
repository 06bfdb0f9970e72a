/**
 * Who may write WordPress's code. By default only the agent's user (root in the image): everything
 * under WP_CONTENT_DIR except the uploads belongs to it and is not group/other-writable, so a
 * compromised PHP worker cannot plant or change a plugin, a theme or any .php file that later
 * requests run. With WORDPRESS_PLUGINS_WRITABLE=true the web user owns plugins, themes and upgrade
 * (what the dashboard's installer writes); the rest stays the agent's.
 * The image's Dockerfile may hand wp-content to the web user: this step decides at every start.
 */
import { chmod, lchown, lstat, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';

/** What the dashboard's plugin and theme installer writes. */
export const WRITABLE_CODE_DIRS = ['plugins', 'themes', 'upgrade'] as const;

export interface Owner {
  uid: number;
  gid: number;
}

export interface CodeOwnershipOptions {
  contentDir: string;
  /** The agent's user: owner of the code. */
  agent: Owner;
  /** The web user: owner of the uploads, and of WRITABLE_CODE_DIRS when `writable`. */
  web: Owner;
  writable: boolean;
  /** Directories never walked (the uploads: the web user's, possibly large, possibly a volume). */
  skip: readonly string[];
}

/** Applies the ownership; returns how many entries it changed (0 on a second run). */
export async function enforceCodeOwnership(options: CodeOwnershipOptions): Promise<number> {
  const skip = new Set(options.skip.map((d) => path.resolve(d)));
  let changed = 0;
  const settle = async (entry: string, owner: Owner, dropGroupOtherWrite: boolean): Promise<void> => {
    // Gone meanwhile (another program removed it): nothing to own.
    const st = await lstat(entry).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    });
    if (!st) return;
    if (st.uid !== owner.uid || st.gid !== owner.gid) {
      // lchown: a symlink planted by the web user is changed itself, never what it points at.
      await lchown(entry, owner.uid, owner.gid);
      changed++;
    }
    if (dropGroupOtherWrite && !st.isSymbolicLink() && (st.mode & 0o022) !== 0) {
      await chmod(entry, st.mode & 0o7755);
      changed++;
    }
  };
  const walk = async (dir: string, owner: Owner, dropGroupOtherWrite: boolean): Promise<void> => {
    await settle(dir, owner, dropGroupOtherWrite);
    const entries = await readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [];
      throw err;
    });
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (skip.has(full)) continue;
      if (entry.isDirectory()) await walk(full, owner, dropGroupOtherWrite);
      else await settle(full, owner, dropGroupOtherWrite);
    }
  };

  const contentDir = path.resolve(options.contentDir);
  await mkdir(contentDir, { recursive: true, mode: 0o755 });
  if (options.writable) {
    // Everything but the installer's directories and the uploads stays the agent's.
    await settle(contentDir, options.agent, true);
    for (const entry of await readdir(contentDir, { withFileTypes: true })) {
      const full = path.join(contentDir, entry.name);
      if (skip.has(full) || (WRITABLE_CODE_DIRS as readonly string[]).includes(entry.name)) continue;
      if (entry.isDirectory()) await walk(full, options.agent, true);
      else await settle(full, options.agent, true);
    }
    for (const name of WRITABLE_CODE_DIRS) {
      const dir = path.join(contentDir, name);
      await mkdir(dir, { recursive: true, mode: 0o755 });
      await walk(dir, options.web, false);
    }
  } else {
    await walk(contentDir, options.agent, true);
  }
  return changed;
}
