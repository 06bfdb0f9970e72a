/**
 * WordPress's own init steps, after MySQL answers: the schema (WordPress's installer, once), the
 * listed users (wp-seed, every start, idempotent), and siteurl/home on the current site URL.
 */
import { lstat, readlink, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { InitError, describeError, maskSecrets, mysqlCheck, waitForDependency, type InitStep } from '@ft/agent';
import { phpSiteInitSteps, webUserAccount, webUserReadableStep } from '@ft/php-site';
import {
  openConnection,
  phpBcryptVerifier,
  runWordPressInstaller,
  seedUsers,
  syncSiteUrl,
  syncUploadPath,
  withNamedLock,
  wordpressInstallState,
  type Connection,
} from '@ft/wp-seed';
import { enforceCodeOwnership } from './code-ownership.js';
import type { WordPressContext } from './env.js';
import { debianConfigName, renderedConfigPath, siteUrl } from './paths.js';
import { pageCacheStep } from './tuning.js';
import { uploadsDir, uploadsDirStep } from './uploads.js';

/** The container's init steps, in order: php-site's, then the code, uploads, MySQL and the site's rows. */
export function wordpressInitSteps(ctx: WordPressContext): InitStep[] {
  const c = ctx.config;
  return [
    ...phpSiteInitSteps(ctx, { commonName: c.EXTERNAL_HOST }),
    webUserReadableStep(ctx, 'wp-config readable', [renderedConfigPath(ctx.agent.AGENT_RUN_DIR)]),
    codeOwnershipStep(ctx),
    uploadsDirStep(ctx),
    ...pageCacheStep(ctx),
    ...(ctx.platform.debianConfigDir ? [] : [wpConfigLinkStep(ctx)]),
    waitForDependency(
      ctx,
      'mysql',
      mysqlCheck({ host: c.MYSQL_HOST, port: c.MYSQL_PORT, user: c.WORDPRESS_DB_USER, password: c.WORDPRESS_DB_PASSWORD, database: c.WORDPRESS_DB_NAME }),
      { intervalMs: 2_000, logEveryMs: 30_000 },
    ),
    installSchemaStep(ctx),
    seedUsersStep(ctx),
    siteUrlStep(ctx),
    uploadPathStep(ctx),
  ];
}

async function withDatabase<T>(ctx: WordPressContext, fn: (conn: Connection) => Promise<T>): Promise<T> {
  const c = ctx.config;
  const conn = await openConnection({
    host: c.MYSQL_HOST,
    port: c.MYSQL_PORT,
    user: c.WORDPRESS_DB_USER,
    password: c.WORDPRESS_DB_PASSWORD,
    database: c.WORDPRESS_DB_NAME,
  });
  try {
    return await fn(conn);
  } finally {
    await conn.end().catch(() => undefined);
  }
}

/** The same error text without the DB password, should a driver ever echo it. */
function safe(ctx: WordPressContext, err: unknown): string {
  return maskSecrets(describeError(err), [ctx.config.WORDPRESS_DB_PASSWORD]);
}

/**
 * The image's wp-config.php is a link to the rendered file (made by the Dockerfile for the default
 * run dir /run/ft); with another AGENT_RUN_DIR the link is pointed at it here.
 */
export function wpConfigLinkStep(ctx: WordPressContext): InitStep {
  return {
    name: 'wp-config link',
    async run() {
      const link = path.join(ctx.platform.wordpressDir, 'wp-config.php');
      const target = renderedConfigPath(ctx.agent.AGENT_RUN_DIR);
      const current = await readlink(link).catch(() => undefined);
      if (current === target) return;
      try {
        if (await lstat(link).catch(() => undefined)) await rm(link);
        await symlink(target, link);
      } catch (err) {
        throw new InitError('wp-config link', `cannot link ${link} to ${target}: ${describeError(err)}`, { cause: err });
      }
    },
  };
}

/** Installs the schema with WordPress's installer when the database has none (under a lock: one installer at a time). */
export function installSchemaStep(ctx: WordPressContext): InitStep {
  return {
    name: 'wordpress schema',
    run: () =>
      withDatabase(ctx, async (conn) => {
        const prefix = ctx.config.WORDPRESS_TABLE_PREFIX;
        if ((await wordpressInstallState(conn, prefix)).installed) {
          ctx.log.info({ prefix }, 'WordPress schema present');
          return;
        }
        const lockName = `ft-wordpress-install-${ctx.config.WORDPRESS_DB_NAME}-${prefix}`;
        ctx.progress('installing the WordPress schema');
        await withNamedLock(conn, lockName, 300, async () => {
          const state = await wordpressInstallState(conn, prefix);
          if (state.installed) return;
          const admin = ctx.config.WORDPRESS_USERS.find((u) => u.role === 'administrator');
          if (!admin) throw new InitError('wordpress schema', 'the user list has no administrator');
          const webUser = webUserAccount(ctx);
          const started = Date.now();
          const result = await runWordPressInstaller({
            php: ctx.platform.php,
            wordpressDir: ctx.platform.wordpressDir,
            siteUrl: siteUrl(ctx.config.EXTERNAL_HOST, ctx.config.WORDPRESS_PORT),
            server: ctx.platform.debianConfigDir ? { WORDPRESS_CONFIG: debianConfigName(ctx.agent.AGENT_RUN_DIR) } : {},
            title: ctx.config.WORDPRESS_TITLE,
            admin,
            // As the web user, as WordPress always runs, when the agent is root (the image).
            ...(webUser ? { uid: webUser.uid, gid: webUser.gid } : {}),
          }).catch((err: unknown) => {
            throw new InitError('wordpress schema', safe(ctx, err), { cause: err });
          });
          ctx.log.info(
            { prefix, partialTables: state.tables.length, ms: Date.now() - started, installed: result.installed },
            'WordPress schema installed by its installer',
          );
        });
      }),
  };
}

/** The listed users, exactly; seeded users no longer listed revoked; nothing written when nothing differs. */
export function seedUsersStep(ctx: WordPressContext): InitStep {
  return {
    name: 'seed users',
    run: () =>
      withDatabase(ctx, async (conn) => {
        const report = await seedUsers(conn, ctx.config.WORDPRESS_USERS, {
          prefix: ctx.config.WORDPRESS_TABLE_PREFIX,
          bcrypt: phpBcryptVerifier(ctx.platform.php),
        }).catch((err: unknown) => {
          throw new InitError('seed users', safe(ctx, err), { cause: err });
        });
        ctx.log.info(
          report,
          `users: ${report.created.length} created, ${report.updated.length} updated, ${report.unchanged.length} unchanged, ${report.revoked.length} revoked`,
        );
      }),
  };
}

/** siteurl and home on https://EXTERNAL_HOST:WORDPRESS_PORT (a new LB IP moves them). */
export function siteUrlStep(ctx: WordPressContext): InitStep {
  return {
    name: 'site url',
    run: () =>
      withDatabase(ctx, async (conn) => {
        const url = siteUrl(ctx.config.EXTERNAL_HOST, ctx.config.WORDPRESS_PORT);
        const changes = await syncSiteUrl(conn, url, ctx.config.WORDPRESS_TABLE_PREFIX);
        if (changes.length > 0) ctx.log.info({ changes }, `site URL is now ${url}`);
      }),
  };
}

/** upload_path on the uploads directory (the volume), which the service's nginx serves as /wp-content/uploads/. */
export function uploadPathStep(ctx: WordPressContext): InitStep {
  return {
    name: 'upload path',
    run: () =>
      withDatabase(ctx, async (conn) => {
        const changes = await syncUploadPath(conn, uploadsDir(ctx), ctx.config.WORDPRESS_TABLE_PREFIX);
        if (changes.length > 0) ctx.log.info({ changes }, `uploads go to ${uploadsDir(ctx)}`);
      }),
  };
}

/**
 * WordPress's code is the agent's (root's) unless WORDPRESS_PLUGINS_WRITABLE says the web user may
 * install plugins and themes (see code-ownership.ts). Only root can hand files around; another
 * agent user (a developer's local mode) owns everything it runs anyway.
 */
export function codeOwnershipStep(ctx: WordPressContext): InitStep {
  return {
    name: 'code ownership',
    async run() {
      const web = webUserAccount(ctx);
      const uid = process.getuid?.();
      const gid = process.getgid?.();
      if (!web || uid === undefined || gid === undefined) return;
      const contentDir = ctx.platform.contentDir;
      try {
        const changed = await enforceCodeOwnership({
          contentDir,
          agent: { uid, gid },
          web,
          writable: ctx.config.WORDPRESS_PLUGINS_WRITABLE,
          skip: [uploadsDir(ctx), path.join(contentDir, 'uploads')],
        });
        ctx.log.info(
          { contentDir, writable: ctx.config.WORDPRESS_PLUGINS_WRITABLE, changed },
          ctx.config.WORDPRESS_PLUGINS_WRITABLE ? 'plugins and themes writable by the web user' : 'WordPress code not writable by the web user',
        );
      } catch (err) {
        throw new InitError('code ownership', `cannot set the owner of ${contentDir}: ${describeError(err)}`, { cause: err });
      }
    },
  };
}
