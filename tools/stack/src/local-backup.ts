/**
 * `local backup [FILE]` and `local restore FILE`: everything a user created in the local mode (the
 * WordPress database, uploads, FTP files, the metrics history) in one checked archive
 * (@ft/backup), and back. The archive is the one a cluster writes and reads, so a deployment moves
 * between the local mode and minikube in either direction.
 *
 * Backup runs against the live stack (it stays up): a single-transaction dump of MySQL, InfluxDB's
 * online portable backup, and the two file trees.
 * Restore checks the whole archive first (nothing changes when it is damaged, foreign or the
 * passphrase is wrong); a state dir that holds data needs --force, and its data is moved aside,
 * never deleted. Then it starts MySQL and InfluxDB alone on fresh data, loads the dump and the
 * metrics, lays the files in, starts everything (WordPress then takes this address as its URL and
 * the configured users' passwords) and runs the evaluator's checks.
 */
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  BackupError,
  commandOutput,
  commandToFile,
  describePart,
  fileToCommand,
  formatBytes,
  openArchive,
  openSecrets,
  packDirectory,
  newManifest,
  PART_FILES,
  platformVersion,
  sealSecrets,
  unpackDirectory,
  writeArchive,
  type Manifest,
  type PartEntry,
} from '@ft/backup';
import { mysqlPaths } from '@ft/mysql/paths';
import type { LocalLayout } from './local-layout.js';
import { repoRoot } from './repo-root.js';
import { parseSecrets, secretsPath, type Secrets } from './secrets.js';

type Print = (line: string) => void;

export interface LocalBackupOptions {
  layout: LocalLayout;
  secrets: Secrets;
  file: string;
  /** Set: the secrets go into the archive, sealed with it. */
  passphrase?: string | undefined;
  print: Print;
}

/** Where the local mode keeps each file tree a user fills. */
export function userFileDirs(layout: LocalLayout): { uploads: string; ftp: string } {
  return { uploads: layout.dataDirs.wordpressUploads, ftp: layout.dataDirs.ftp };
}

/** The client commands of one local deployment, as argument arrays (the cluster's are `kubectl exec` of the same). */
export function localCommands(layout: LocalLayout, secrets: Secrets) {
  const socket = mysqlPaths(layout.services.mysql.runDir).socket;
  const rpc = `127.0.0.1:${layout.services.influxdb.statusPort}`;
  const influxAuth = { INFLUX_USERNAME: secrets.influxdb.admin.user, INFLUX_PASSWORD: secrets.influxdb.admin.password };
  return {
    // OS root reaches root@localhost through unix_socket: no password anywhere.
    mysqlDump: [
      'mariadb-dump',
      `--socket=${socket}`,
      '--user=root',
      '--single-transaction',
      '--quick',
      '--routines',
      '--triggers',
      '--events',
      '--hex-blob',
      secrets.wordpress.dbName,
    ],
    mysqlLoad: ['mariadb', `--socket=${socket}`, '--user=root', secrets.wordpress.dbName],
    influxBackup: (dir: string) => ['influxd', 'backup', '-portable', '-database', secrets.influxdb.db, '-host', rpc, dir],
    influxRestore: (dir: string, fromDb: string) => ['influxd', 'restore', '-portable', '-db', fromDb, '-newdb', secrets.influxdb.db, '-host', rpc, dir],
    influxDrop: ['influx', '-host', layout.internalAddress, '-port', '8086', '-execute', `DROP DATABASE "${secrets.influxdb.db}"`],
    influxAuth,
  };
}

async function serviceVersions(): Promise<Record<string, string>> {
  const probes: Record<string, string[]> = {
    mariadb: ['mariadbd', '--version'],
    influxdb: ['influxd', 'version'],
    nginx: ['nginx', '-v'],
  };
  const out: Record<string, string> = {};
  for (const [name, argv] of Object.entries(probes)) {
    out[name] = await commandOutput(argv, { what: `${name} version`, timeoutMs: 10_000 }).then(
      (text) => text.trim().split('\n')[0] ?? 'unknown',
      () => 'unknown',
    );
  }
  const wp = await readFile('/usr/share/wordpress/wp-includes/version.php', 'utf8').catch(() => '');
  out.wordpress = /\$wp_version\s*=\s*'([^']+)'/.exec(wp)?.[1] ?? 'unknown';
  return out;
}

async function timed<T>(print: Print, what: string, run: () => Promise<T>): Promise<T> {
  const started = Date.now();
  print(`  ${what} ...`);
  const result = await run();
  print(`  ${what}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

export async function localBackup(options: LocalBackupOptions): Promise<Manifest> {
  const { layout, secrets, file, print } = options;
  const cmds = localCommands(layout, secrets);
  const work = await mkdtemp(path.join(os.tmpdir(), 'ft-backup-'));
  try {
    await mkdir(path.join(work, 'parts'), { mode: 0o700 });
    const parts: PartEntry[] = [];
    const add = async (name: keyof typeof PART_FILES, description: string) => {
      const entry = await describePart(work, name, description);
      parts.push(entry);
      print(`    ${name}: ${formatBytes(entry.size)}`);
    };
    await timed(print, 'MySQL dump (single transaction)', () =>
      commandToFile(cmds.mysqlDump, path.join(work, PART_FILES.mysql), { what: 'the MySQL dump', gzip: true }),
    );
    await add('mysql', `mariadb-dump of database ${secrets.wordpress.dbName}`);
    const influxDir = path.join(work, 'influxdb');
    await timed(print, 'InfluxDB portable backup', async () => {
      await commandOutput(cmds.influxBackup(influxDir), { what: 'the InfluxDB backup', timeoutMs: 600_000 });
      await packDirectory(influxDir, path.join(work, PART_FILES.influxdb));
    });
    await add('influxdb', `influxd backup -portable of database ${secrets.influxdb.db}`);
    const dirs = userFileDirs(layout);
    await timed(print, 'WordPress uploads', () => packDirectory(dirs.uploads, path.join(work, PART_FILES.uploads)));
    await add('uploads', 'wp-content/uploads');
    await timed(print, 'FTP files', () => packDirectory(dirs.ftp, path.join(work, PART_FILES.ftp)));
    await add('ftp', "the FTPS user's files");
    if (options.passphrase !== undefined) {
      const plain = await readFile(secretsPath(layout.stateDir));
      await writeFile(path.join(work, PART_FILES.secrets), await sealSecrets(plain, options.passphrase), { mode: 0o600 });
      await add('secrets', 'secrets.json, scrypt + AES-256-GCM');
    }
    const manifest = newManifest({
      platformVersion: await platformVersion(repoRoot()),
      source: { kind: 'local', address: layout.address },
      services: await serviceVersions(),
      names: { wordpressDb: secrets.wordpress.dbName, influxDb: secrets.influxdb.db },
      parts,
    });
    const written = await writeArchive(file, work, manifest);
    print(`backup written: ${file} (${formatBytes(written.size)}, sha256 ${written.sha256})`);
    return manifest;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function hasContent(dir: string): Promise<boolean> {
  return (await readdir(dir).catch(() => [] as string[])).length > 0;
}

/** Whether a state dir holds a deployment's data (then a restore over it needs --force). */
export async function stateHasData(layout: LocalLayout): Promise<boolean> {
  const dirs = [layout.dataDirs.mysql, layout.dataDirs.influxdb, ...Object.values(userFileDirs(layout))];
  for (const dir of dirs) if (await hasContent(dir)) return true;
  return false;
}

/** Moves the data dirs out of the way (into `<state>/before-restore-<time>/`); returns where, or null when there was nothing. */
export async function moveDataAside(layout: LocalLayout, now = new Date()): Promise<string | null> {
  const aside = path.join(layout.stateDir, `before-restore-${now.toISOString().replace(/[:.]/g, '-')}`);
  let moved = false;
  const dirs: Record<string, string> = { mysql: layout.dataDirs.mysql, influxdb: layout.dataDirs.influxdb, ...userFileDirs(layout) };
  for (const [name, dir] of Object.entries(dirs)) {
    if (!(await hasContent(dir))) continue;
    await mkdir(aside, { recursive: true, mode: 0o700 });
    await rename(dir, path.join(aside, name));
    moved = true;
  }
  return moved ? aside : null;
}

export interface LocalRestoreSteps {
  /** Starts the named services of the stack and waits until they are ready; false when they are not. */
  up(services: string[] | 'all'): Promise<boolean>;
  down(): Promise<void>;
  isUp(): Promise<boolean>;
  /** The evaluator's checks against the restored stack; false when one fails. */
  verify(): Promise<boolean>;
}

export interface LocalRestoreOptions {
  layout: LocalLayout;
  file: string;
  force: boolean;
  /** Set: the archive's secrets replace this state dir's (the archive must hold them). */
  passphrase?: string | undefined;
  print: Print;
  steps: LocalRestoreSteps;
  /** The state dir's secrets after the archive's were put in place (or the existing ones). */
  loadSecrets(): Promise<Secrets>;
}

export async function localRestore(options: LocalRestoreOptions): Promise<boolean> {
  const { layout, file, print, steps } = options;
  print(`checking ${file}`);
  const archive = await openArchive(file);
  try {
    const m = archive.manifest;
    print(
      `  ${m.source.kind} backup of ${m.source.address}, taken ${m.createdAt}, platform ${m.platformVersion}; parts: ${m.parts.map((p) => `${p.name} ${formatBytes(p.size)}`).join(', ')}`,
    );
    let sealedSecrets: Buffer | undefined;
    if (options.passphrase !== undefined) {
      if (!archive.has('secrets'))
        throw new BackupError('BACKUP_PASSPHRASE', `${file} holds no secrets (it was taken without --with-secrets): restore without --with-secrets`);
      sealedSecrets = await openSecrets(await readFile(archive.pathOf('secrets')), options.passphrase);
      parseSecrets(sealedSecrets.toString('utf8'), `${file}: secrets`);
    }
    const hasData = await stateHasData(layout);
    if (hasData && !options.force) {
      throw new BackupError(
        'BACKUP_HAS_DATA',
        `${layout.stateDir} holds a deployment's data: restore over it with --force (its data is moved aside into the state dir, not deleted)`,
      );
    }
    for (const name of ['mysql', 'influxdb', 'uploads', 'ftp'] as const) {
      if (!archive.has(name)) throw new BackupError('BACKUP_DAMAGED', `${file} lacks the ${name} part`);
    }
    // From here on the platform changes.
    if (await steps.isUp()) {
      print('stopping the local stack');
      await steps.down();
    }
    const aside = await moveDataAside(layout);
    if (aside) print(`data that was here moved to ${aside}`);
    if (sealedSecrets) {
      await writeFile(secretsPath(layout.stateDir), sealedSecrets, { mode: 0o600 });
      print('secrets restored from the archive');
    }
    const secrets = await options.loadSecrets();
    const cmds = localCommands(layout, secrets);
    print('starting MySQL and InfluxDB alone');
    if (!(await steps.up(['mysql', 'influxdb'])))
      throw new BackupError('BACKUP_STEP_FAILED', 'MySQL and InfluxDB did not become ready on fresh data: see `local status`');
    await timed(print, 'loading the MySQL dump', () =>
      fileToCommand(archive.pathOf('mysql'), cmds.mysqlLoad, { what: 'loading the MySQL dump', gunzip: true }),
    );
    await timed(print, 'restoring the metrics', async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'ft-influx-restore-'));
      try {
        await unpackDirectory(archive.pathOf('influxdb'), dir);
        // The bootstrap made an empty database of the same name: a portable restore wants it gone.
        await commandOutput(cmds.influxDrop, { what: 'dropping the fresh metrics database', env: cmds.influxAuth });
        await commandOutput(cmds.influxRestore(dir, m.names.influxDb), { what: 'the InfluxDB restore', timeoutMs: 600_000 });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
    const dirs = userFileDirs(layout);
    // The archive has no owners. The FTP files go in before ftps starts: its agent hands files/ to
    // the FTP user when it finds them someone else's. The uploads go in once WordPress has made
    // its directory the web user's: unpacking gives each file the directory's owner.
    await timed(print, 'laying the FTP files in', () => unpackDirectory(archive.pathOf('ftp'), dirs.ftp));
    print('starting every service');
    await steps.down();
    if (!(await steps.up('all'))) throw new BackupError('BACKUP_STEP_FAILED', 'the restored stack did not become ready: see `local status`');
    await timed(print, 'laying the uploads in', () => unpackDirectory(archive.pathOf('uploads'), dirs.uploads));
    print('checking the restored platform');
    const ok = await steps.verify();
    print(ok ? `restored from ${file}` : `restored from ${file}, but a check failed (above)`);
    return ok;
  } finally {
    await archive.close();
  }
}
