/**
 * The uploads directory: WORDPRESS_UPLOADS_DIR (a volume in the cluster, a directory of the state
 * dir in the local mode) or <WP_CONTENT_DIR>/uploads. Made and handed to the web user at start (its
 * top only: what is inside is the web user's already), and named in WordPress's `upload_path`.
 */
import { chown, lstat, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { InitError, describeError, type InitStep } from '@ft/agent';
import { webUserAccount } from '@ft/php-site';
import type { WordPressContext } from './env.js';

export function uploadsDir(ctx: Pick<WordPressContext, 'config' | 'platform'>): string {
  return path.resolve(ctx.config.WORDPRESS_UPLOADS_DIR ?? path.join(ctx.platform.contentDir, 'uploads'));
}

/** The directory exists and the web user owns it (a fresh volume is root's). */
export function uploadsDirStep(ctx: WordPressContext): InitStep {
  return {
    name: 'uploads directory',
    async run() {
      const dir = uploadsDir(ctx);
      try {
        await mkdir(dir, { recursive: true, mode: 0o755 });
        const st = await lstat(dir);
        if (!st.isDirectory()) throw new Error('not a directory');
        const web = webUserAccount(ctx);
        if (web && (st.uid !== web.uid || st.gid !== web.gid)) await chown(dir, web.uid, web.gid);
      } catch (err) {
        throw new InitError('uploads directory', `cannot prepare ${dir}: ${describeError(err)}`, { cause: err });
      }
    },
  };
}
