/** The web user (nginx and php-fpm workers) as the owner of what they must read or write. */
import { lookupUser } from '@ft/agent';
import type { PhpSiteContext } from './site-context.js';

/** The owner to give a rendered file the web user must read (a secret, mode 0600): only root can chown. */
export function webUserOwner(ctx: PhpSiteContext): string | undefined {
  return process.getuid?.() === 0 ? ctx.platform.webUser : undefined;
}

/** uid and gid of the web user when the agent is root (files and programs handed to it); else undefined. */
export function webUserAccount(ctx: PhpSiteContext): { uid: number; gid: number } | undefined {
  const owner = webUserOwner(ctx);
  return owner === undefined ? undefined : lookupUser(owner);
}
