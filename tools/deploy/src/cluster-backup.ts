/**
 * `./setup.sh backup [FILE]` and `./setup.sh restore FILE`: the archive of @ft/backup, taken from
 * and put back into a cluster through `kubectl exec` (cluster-parts.ts). The same archive comes
 * from and goes to the local mode (`./setup.sh local backup|restore`), so a deployment moves
 * either way; the site URL then follows the new address (WordPress's seeding sets it at start).
 *
 * Backup: the platform stays up (a single-transaction dump, InfluxDB's online portable backup, the
 * two file trees as tar streams). Restore: the whole archive is checked first; a platform with
 * content needs --force; the uploads are laid in, WordPress and phpMyAdmin are stopped while the
 * dump loads, the metrics and FTP files follow, the writers come back, then `verify`.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  BackupError,
  commandToFile,
  describePart,
  fileToCommand,
  formatBytes,
  openArchive,
  openSecrets,
  newManifest,
  PART_FILES,
  sealSecrets,
  writeArchive,
  type Manifest,
  type PartEntry,
  type PartName,
} from '@ft/backup';
import { parseSecrets, secretsPath, type Secrets } from '@ft/stack';
import * as parts from './cluster-parts.js';
import { type Context, kubectl, NAMESPACE } from './context.js';
import { type Command, commandLine } from './runner.js';

/** Streams between a command and a part file: real (printed, then run) or a dry run (printed only). */
export interface PartStreams {
  toFile(command: Command, file: string, options: { gzip: boolean; what: string }): Promise<void>;
  fromFile(file: string, command: Command, options: { gunzip: boolean; what: string }): Promise<void>;
}

export function processStreams(ctx: Context): PartStreams {
  return {
    async toFile(command, file, { gzip, what }) {
      ctx.say(`+ ${commandLine(command)}${gzip ? ' | gzip' : ''} > ${path.basename(file)}`);
      if (ctx.runner.dryRun) return;
      await commandToFile([command.cmd, ...command.args], file, { what, gzip });
    },
    async fromFile(file, command, { gunzip, what }) {
      ctx.say(`+ ${gunzip ? `gunzip < ${path.basename(file)} | ` : ''}${commandLine(command)}${gunzip ? '' : ` < ${path.basename(file)}`}`);
      if (ctx.runner.dryRun) return;
      await fileToCommand(file, [command.cmd, ...command.args], { what, gunzip });
    },
  };
}

async function clusterSecrets(ctx: Context): Promise<Secrets> {
  const file = secretsPath(ctx.paths.stateDir);
  const text = await readFile(file, 'utf8').catch(() => {
    throw new BackupError('BACKUP_STEP_FAILED', `no ${file}: nothing was deployed from this checkout (./setup.sh first)`);
  });
  return parseSecrets(text, file);
}

async function versionOf(ctx: Context, command: Command): Promise<string> {
  const out = await ctx.runner.run(command, { allowFailure: true, placeholder: '<version>' });
  return out.code === 0 ? (out.stdout.trim().split('\n')[0] ?? 'unknown') : 'unknown';
}

export interface ClusterBackupOptions {
  file: string;
  address: string;
  passphrase?: string | undefined;
  platformVersion: string;
}

export async function clusterBackup(ctx: Context, streams: PartStreams, options: ClusterBackupOptions): Promise<Manifest | undefined> {
  const secrets = ctx.runner.dryRun ? undefined : await clusterSecrets(ctx);
  const wpDb = secrets?.wordpress.dbName ?? 'wordpress';
  const influxDb = secrets?.influxdb.db ?? 'metrics';
  const work = ctx.runner.dryRun ? '<private-temp-dir>' : await mkdtemp(path.join(tmpdir(), 'ft-backup-'));
  try {
    if (!ctx.runner.dryRun) await mkdir(path.join(work, 'parts'), { mode: 0o700 });
    const at = (name: PartName) => path.join(work, PART_FILES[name]);
    const entries: PartEntry[] = [];
    const add = async (name: PartName, description: string) => {
      if (ctx.runner.dryRun) return;
      const entry = await describePart(work, name, description);
      entries.push(entry);
      ctx.say(`  ${name}: ${formatBytes(entry.size)}`);
    };
    await streams.toFile(parts.mysqlDump(ctx, wpDb), at('mysql'), { gzip: true, what: 'the MySQL dump' });
    await add('mysql', `mariadb-dump of database ${wpDb}`);
    for (const c of parts.influxBackup(ctx, influxDb)) await ctx.runner.run(c);
    await streams.toFile(parts.influxBackupStream(ctx), at('influxdb'), { gzip: false, what: 'the InfluxDB backup' });
    await ctx.runner.run(parts.influxScratchClean(ctx));
    await add('influxdb', `influxd backup -portable of database ${influxDb}`);
    await streams.toFile(parts.treeBackup(ctx, 'uploads'), at('uploads'), { gzip: false, what: 'the WordPress uploads' });
    await add('uploads', 'wp-content/uploads');
    await streams.toFile(parts.treeBackup(ctx, 'ftp'), at('ftp'), { gzip: false, what: 'the FTP files' });
    await add('ftp', "the FTPS user's files");
    if (options.passphrase !== undefined && !ctx.runner.dryRun) {
      await writeFile(at('secrets'), await sealSecrets(await readFile(secretsPath(ctx.paths.stateDir)), options.passphrase), { mode: 0o600 });
      await add('secrets', 'secrets.json, scrypt + AES-256-GCM');
    }
    const services = {
      mariadb: await versionOf(ctx, parts.execIn(ctx, 'mysql', ['mariadbd', '--version'])),
      influxdb: await versionOf(ctx, parts.execIn(ctx, 'influxdb', ['influxd', 'version'])),
    };
    if (ctx.runner.dryRun) {
      ctx.say(`(writes ${options.file}: manifest.json and the parts above)`);
      return undefined;
    }
    const manifest = newManifest({
      platformVersion: options.platformVersion,
      source: { kind: 'cluster', address: options.address },
      services,
      names: { wordpressDb: wpDb, influxDb },
      parts: entries,
    });
    const written = await writeArchive(options.file, work, manifest);
    ctx.say(`backup written: ${options.file} (${formatBytes(written.size)}, sha256 ${written.sha256})`);
    return manifest;
  } finally {
    if (!ctx.runner.dryRun) await rm(work, { recursive: true, force: true });
  }
}

export interface ClusterRestoreOptions {
  file: string;
  force: boolean;
  passphrase?: string | undefined;
}

/** Whether the platform holds content a restore would replace: posts beyond the installer's, uploads or FTP files. */
export async function clusterHasData(ctx: Context, wpDb: string): Promise<boolean> {
  const posts = await ctx.runner.run(parts.mysqlContentCount(ctx, wpDb), { allowFailure: true, placeholder: '0' });
  if (posts.code === 0 && Number(posts.stdout.trim()) > 0) return true;
  for (const tree of ['uploads', 'ftp'] as const) {
    const out = await ctx.runner.run(parts.treeFiles(ctx, tree), { allowFailure: true, placeholder: '' });
    if (out.code === 0 && out.stdout.trim() !== '') return true;
  }
  return false;
}

async function scaleWriters(ctx: Context, replicas: number): Promise<void> {
  await ctx.runner.run(kubectl(ctx, 'scale', '-n', NAMESPACE, ...parts.MYSQL_WRITERS, `--replicas=${replicas}`));
  if (replicas === 0) {
    await ctx.runner.run(
      kubectl(ctx, 'wait', '-n', NAMESPACE, '--for=delete', 'pod', '-l', 'app.kubernetes.io/name in (wordpress,phpmyadmin)', '--timeout=180s'),
    );
  } else {
    for (const w of parts.MYSQL_WRITERS) await ctx.runner.run(kubectl(ctx, 'rollout', 'status', '-n', NAMESPACE, w, '--timeout=600s'));
  }
}

/** Empties a volume's tree (its root stays) and unpacks the part into it. */
async function restoreTree(ctx: Context, streams: PartStreams, tree: 'uploads' | 'ftp', file: string): Promise<void> {
  const steps = parts.treeRestore(ctx, tree);
  await ctx.runner.run(steps.clear);
  await streams.fromFile(file, steps.unpack, { gunzip: false, what: `unpacking the ${tree}` });
}

export async function clusterRestore(ctx: Context, streams: PartStreams, options: ClusterRestoreOptions): Promise<void> {
  if (ctx.runner.dryRun) {
    ctx.say(`(checks ${options.file}: manifest, every part's size and sha256, before anything below)`);
  }
  const archive = ctx.runner.dryRun ? undefined : await openArchive(options.file);
  try {
    const m = archive?.manifest;
    if (m)
      ctx.say(
        `${m.source.kind} backup of ${m.source.address}, taken ${m.createdAt}; parts: ${m.parts.map((p) => `${p.name} ${formatBytes(p.size)}`).join(', ')}`,
      );
    const secretsFile = secretsPath(ctx.paths.stateDir);
    if (options.passphrase !== undefined && archive) {
      if (!archive.has('secrets')) throw new BackupError('BACKUP_PASSPHRASE', `${options.file} holds no secrets (taken without --with-secrets)`);
      const plain = await openSecrets(await readFile(archive.pathOf('secrets')), options.passphrase);
      parseSecrets(plain.toString('utf8'), `${options.file}: secrets`);
      const existing = await readFile(secretsFile).catch(() => undefined);
      if (existing)
        throw new BackupError(
          'BACKUP_HAS_DATA',
          `${secretsFile} exists: the archive's secrets go into a checkout that has not deployed yet. Restore without --with-secrets, or move ${secretsFile} away first`,
        );
      await mkdir(ctx.paths.stateDir, { recursive: true, mode: 0o700 });
      await writeFile(secretsFile, plain, { mode: 0o600 });
      ctx.say(`secrets restored into ${secretsFile}: run ./setup.sh to deploy with them, then ./setup.sh restore ${options.file} for the data`);
      return;
    }
    const secrets = archive ? await clusterSecrets(ctx) : undefined;
    const wpDb = secrets?.wordpress.dbName ?? 'wordpress';
    const influxDb = secrets?.influxdb.db ?? 'metrics';
    if ((await clusterHasData(ctx, wpDb)) && !options.force) {
      throw new BackupError('BACKUP_HAS_DATA', 'the platform holds content (posts, uploads or FTP files): restore replaces all of it; run again with --force');
    }
    const file = (name: PartName) => (archive ? archive.pathOf(name) : `<archive>/${PART_FILES[name]}`);
    await restoreTree(ctx, streams, 'uploads', file('uploads'));
    // The archive has no owners (accounts differ between deployments): the uploads go to the web
    // user, who owns the volume's root.
    const owner = (await ctx.runner.run(parts.treeOwner(ctx, 'uploads'), { placeholder: '<uid:gid>' })).stdout.trim();
    if (!ctx.runner.dryRun && !/^\d+:\d+$/.test(owner))
      throw new BackupError('BACKUP_STEP_FAILED', `could not read the owner of the uploads volume (got ${JSON.stringify(owner)})`);
    await ctx.runner.run(parts.treeChown(ctx, 'uploads', owner));
    await scaleWriters(ctx, 0);
    try {
      await streams.fromFile(file('mysql'), parts.mysqlLoad(ctx, wpDb), { gunzip: true, what: 'loading the MySQL dump' });
    } finally {
      // The writers come back whatever happened, so a failed load never leaves the site down.
      await scaleWriters(ctx, 1);
    }
    for (const c of parts.influxRestoreUnpack(ctx)) await ctx.runner.run(c);
    await streams.fromFile(file('influxdb'), parts.influxRestoreStream(ctx), { gunzip: false, what: 'unpacking the metrics' });
    for (const c of parts.influxRestore(ctx, m?.names.influxDb ?? influxDb, influxDb)) await ctx.runner.run(c);
    await ctx.runner.run(parts.influxScratchClean(ctx));
    await restoreTree(ctx, streams, 'ftp', file('ftp'));
    // The FTP volume's root is root's and its files/ the FTP user's: the ftps agent gives the
    // files to its user at start (a uid it did not make is handed over), so restart it.
    await ctx.runner.run(kubectl(ctx, 'rollout', 'restart', '-n', NAMESPACE, parts.CLUSTER_PARTS.ftp.workload));
    await ctx.runner.run(kubectl(ctx, 'rollout', 'status', '-n', NAMESPACE, parts.CLUSTER_PARTS.ftp.workload, '--timeout=600s'));
    ctx.say(ctx.runner.dryRun ? 'dry run: nothing was restored.' : `restored from ${options.file}`);
  } finally {
    await archive?.close();
  }
}
