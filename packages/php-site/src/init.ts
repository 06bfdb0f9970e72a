/** The init steps every php site runs, and the helpers a service uses for its own directories and secrets. */
import { chmod, chown, lstat, mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import { allowTraversal, tlsCertStep, type InitStep } from '@ft/agent';
import { agentDirs, webUserDirs, type PhpSitePaths } from './paths.js';
import { sitePaths, type PhpSiteContext } from './site-context.js';
import { webUserAccount } from './web-user.js';

export interface PhpSiteInitOptions {
  /** CN / subjectAltName of a self-signed certificate; default the host name. */
  commonName?: string;
}

/**
 * Run directories: the agent's own for what the root-run masters write (pid files, socket, logs,
 * the parents of nginx's temp dirs), web-user leaf dirs inside them for what the workers write
 * (php-fpm workers cannot create logs in root-owned dirs; nginx workers write temp files); then the
 * TLS certificate (given, kept or self-signed).
 */
export function phpSiteInitSteps(ctx: PhpSiteContext, options: PhpSiteInitOptions = {}): InitStep[] {
  const paths = sitePaths(ctx);
  return [
    { name: 'run directories', run: () => makeRunDirs(ctx, paths) },
    tlsCertStep({
      certPath: paths.tlsCert,
      keyPath: paths.tlsKey,
      certPem: ctx.config.TLS_CERT,
      keyPem: ctx.config.TLS_KEY,
      commonName: options.commonName ?? os.hostname(),
    }),
  ];
}

async function makeRunDirs(ctx: PhpSiteContext, paths: PhpSitePaths): Promise<void> {
  // The web user reaches the socket and its dirs through the run dir.
  await allowTraversal(ctx.agent.AGENT_RUN_DIR);
  for (const dir of agentDirs(paths)) await makeAgentDir(dir);
  await makeWebUserDirs(ctx, webUserDirs(paths), 0o750);
}

/**
 * A directory only the agent's user writes (0755: the workers traverse it). One left by an earlier
 * release or anyone else (another owner, group/other-writable, not a directory) is removed with
 * what it holds and made again: whatever the web user could have planted there (a symlink named
 * like a pid file) goes with it. rm does not follow symlinks.
 */
export async function makeAgentDir(dir: string): Promise<void> {
  const uid = process.getuid?.();
  const found = await lstat(dir).catch(() => undefined);
  if (found && (!found.isDirectory() || (uid !== undefined && found.uid !== uid) || (found.mode & 0o022) !== 0)) {
    await rm(dir, { recursive: true, force: true });
  }
  await mkdir(dir, { recursive: true, mode: 0o755 });
}

/**
 * A service's own directories its workers write (sessions, caches), made like php-site's: owned by
 * the web user when the agent is root. Run after phpSiteInitSteps, which opens the run dir to it.
 */
export function webUserDirsStep(ctx: PhpSiteContext, name: string, dirs: readonly string[], mode: number): InitStep {
  return { name, run: () => makeWebUserDirs(ctx, dirs, mode) };
}

/**
 * Secret files the workers must read but never change (a rendered wp-config.php, phpMyAdmin's
 * config): the agent's user owns them, the web user's group reads them (0640). Run after the
 * templates are written (init steps are). Not root (a developer's local mode): only the mode.
 */
export function webUserReadableStep(ctx: PhpSiteContext, name: string, files: readonly string[]): InitStep {
  return {
    name,
    async run() {
      const web = webUserAccount(ctx);
      for (const file of files) {
        if (web) await chown(file, process.getuid?.() ?? 0, web.gid);
        await chmod(file, 0o640);
      }
    },
  };
}

async function makeWebUserDirs(ctx: PhpSiteContext, dirs: readonly string[], mode: number): Promise<void> {
  const owner = webUserAccount(ctx);
  for (const dir of dirs) {
    await mkdir(dir, { recursive: true, mode });
    if (owner) await chown(dir, owner.uid, owner.gid);
  }
}
