/**
 * The cluster's backup and restore, on the commands they plan and how they read the answers (a
 * fake runner; the streams recorded). Answers are what the commands print: `mariadb --batch
 * --skip-column-names` one number per line, busybox/coreutils `stat -c %u:%g` "uid:gid", `find`
 * one path per line (or nothing).
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describePart, PART_FILES, writeArchive, type Manifest, type PartName } from '@ft/backup';
import { generateSecrets } from '@ft/stack';
import { describe, expect, it } from 'vitest';
import { brief, failure, testContext, type TestContext } from '../test/support.js';
import { clusterBackup, clusterRestore, type PartStreams } from './cluster-backup.js';
import { CLUSTER_PARTS } from './cluster-parts.js';
import type { Command } from './runner.js';

function recordingStreams(): PartStreams & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    async toFile(c: Command, file: string) {
      lines.push(`${brief(c)} > ${path.basename(file)}`);
      // A dry run's paths are placeholders: nothing is written there.
      if (!file.startsWith('<')) await writeFile(file, `bytes of ${path.basename(file)}`);
    },
    async fromFile(file: string, c: Command) {
      lines.push(`${brief(c)} < ${path.basename(file)}`);
    },
  };
}

async function withSecrets(ctx: TestContext): Promise<void> {
  await mkdir(ctx.paths.stateDir, { recursive: true });
  await writeFile(path.join(ctx.paths.stateDir, 'secrets.json'), JSON.stringify(generateSecrets()));
}

async function archiveFile(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cluster-restore-'));
  await mkdir(path.join(dir, 'parts'));
  const entries = [];
  for (const name of ['mysql', 'influxdb', 'uploads', 'ftp'] as PartName[]) {
    await writeFile(path.join(dir, PART_FILES[name]), `part ${name}`);
    entries.push(await describePart(dir, name, name));
  }
  const manifest: Manifest = {
    format: 'ft-services-backup',
    formatVersion: 1,
    platformVersion: '0.1.0',
    createdAt: new Date().toISOString(),
    source: { kind: 'local', address: '127.0.0.2' },
    services: {},
    names: { wordpressDb: 'wordpress', influxDb: 'metrics' },
    parts: entries,
  };
  const file = path.join(dir, 'site.tar');
  await writeArchive(file, dir, manifest);
  return file;
}

const EXEC = `exec -n ft-services`;

describe('cluster backup', () => {
  it('dumps, backs up and streams every part from the right container, and writes a checked archive', async () => {
    const ctx = testContext(['backup'], (_c, line) => (line.includes('mariadbd --version') ? { stdout: 'mariadbd  Ver 11.4.5-MariaDB\n' } : undefined));
    await withSecrets(ctx);
    const streams = recordingStreams();
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'cluster-backup-')), 'site.tar');
    const manifest = await clusterBackup(ctx, streams, { file, address: '192.168.49.240', platformVersion: '0.1.0' });
    expect(streams.lines).toEqual([
      `kubectl ${EXEC} statefulset/mysql -c mysql -- mariadb-dump --socket=/run/ft/mysqld/mysqld.sock --user=root --single-transaction --quick --routines --triggers --events --hex-blob wordpress > mysql.sql.gz`,
      `kubectl ${EXEC} statefulset/influxdb -c influxdb -- tar -C /tmp/ft-backup -czf - . > influxdb.tar.gz`,
      `kubectl ${EXEC} statefulset/wordpress -c wordpress -- tar -C ${CLUSTER_PARTS.uploads.dir} -czf - . > uploads.tar.gz`,
      `kubectl ${EXEC} statefulset/ftps -c ftps -- tar -C /var/lib/ftp -czf - . > ftp.tar.gz`,
    ]);
    expect(ctx.runner.planned()).toContain(
      `kubectl ${EXEC} statefulset/influxdb -c influxdb -- influxd backup -portable -database metrics -host 127.0.0.1:8088 /tmp/ft-backup`,
    );
    expect(manifest?.source).toEqual({ kind: 'cluster', address: '192.168.49.240' });
    expect(manifest?.services.mariadb).toBe('mariadbd  Ver 11.4.5-MariaDB');
    expect(manifest?.parts.map((p) => p.name)).toEqual(['mysql', 'influxdb', 'uploads', 'ftp']);
    // No secrets unless asked for.
    expect((await readFile(file)).includes(Buffer.from('secrets.json.enc'))).toBe(false);
  });

  it('--dry-run prints every command and writes nothing', async () => {
    const ctx = testContext(['backup', '--dry-run']);
    const streams = recordingStreams();
    expect(await clusterBackup(ctx, streams, { file: '/nonexistent/site.tar', address: '<address>', platformVersion: '0.1.0' })).toBeUndefined();
    expect(streams.lines).toHaveLength(4);
    expect(ctx.said.join('\n')).toContain('writes /nonexistent/site.tar');
  });
});

describe('cluster restore', () => {
  it('refuses a platform with content without --force, changing nothing', async () => {
    const ctx = testContext(['restore', 'site.tar'], (_c, line) => (line.includes('SELECT COUNT(*)') ? { stdout: '12\n' } : undefined));
    await withSecrets(ctx);
    const streams = recordingStreams();
    const err = await failure(clusterRestore(ctx, streams, { file: await archiveFile(), force: false }));
    expect(err.message).toContain('--force');
    expect(streams.lines).toEqual([]);
    expect(ctx.runner.planned().some((l) => /scale|find .* -delete|DROP/.test(l))).toBe(false);
  });

  it('refuses a damaged archive before asking the cluster anything', async () => {
    const ctx = testContext(['restore', 'site.tar']);
    await withSecrets(ctx);
    const file = await archiveFile();
    const bytes = await readFile(file);
    const at = bytes.indexOf(Buffer.from('part mysql'));
    bytes[at] = 0x50;
    await writeFile(file, bytes);
    const err = await failure(clusterRestore(ctx, recordingStreams(), { file, force: true }));
    expect(err.message).toContain('part mysql');
    expect(ctx.runner.calls).toHaveLength(0);
  });

  it('with --force: uploads, then MySQL with its writers stopped (and started again), metrics, FTP files', async () => {
    const ctx = testContext(['restore', 'site.tar', '--force'], (_c, line) => {
      if (line.includes('SELECT COUNT(*)')) return { stdout: '3\n' };
      if (line.includes('stat -c %u:%g')) return { stdout: line.includes('ftps') ? '1000:1000\n' : '82:82\n' };
      return undefined;
    });
    await withSecrets(ctx);
    const streams = recordingStreams();
    await clusterRestore(ctx, streams, { file: await archiveFile(), force: true });
    const planned = ctx.runner.planned();
    const scaleDown = planned.indexOf(`kubectl scale -n ft-services statefulset/wordpress deployment/phpmyadmin --replicas=0`);
    const scaleUp = planned.indexOf(`kubectl scale -n ft-services statefulset/wordpress deployment/phpmyadmin --replicas=1`);
    expect(scaleDown).toBeGreaterThan(-1);
    expect(scaleUp).toBeGreaterThan(scaleDown);
    expect(planned).toContain(`kubectl ${EXEC} statefulset/wordpress -c wordpress -- chown -R 82:82 ${CLUSTER_PARTS.uploads.dir}`);
    expect(planned.slice(-2)).toEqual([
      'kubectl rollout restart -n ft-services statefulset/ftps',
      'kubectl rollout status -n ft-services statefulset/ftps --timeout=600s',
    ]);
    expect(planned).toContain(
      `kubectl ${EXEC} statefulset/influxdb -c influxdb -- influxd restore -portable -db metrics -newdb metrics -host 127.0.0.1:8088 /tmp/ft-backup`,
    );
    expect(streams.lines).toEqual([
      `kubectl exec -i -n ft-services statefulset/wordpress -c wordpress -- tar -C ${CLUSTER_PARTS.uploads.dir} -xzf - < uploads.tar.gz`,
      `kubectl exec -i -n ft-services statefulset/mysql -c mysql -- mariadb --socket=/run/ft/mysqld/mysqld.sock --user=root wordpress < mysql.sql.gz`,
      `kubectl exec -i -n ft-services statefulset/influxdb -c influxdb -- tar -C /tmp/ft-backup -xzf - < influxdb.tar.gz`,
      `kubectl exec -i -n ft-services statefulset/ftps -c ftps -- tar -C /var/lib/ftp -xzf - < ftp.tar.gz`,
    ]);
    // The InfluxDB admin's password never appears on a command line.
    expect(planned.join('\n')).not.toMatch(/INFLUX_PASSWORD=[^"$]/);
  });

  it('brings the writers back when the dump fails to load', async () => {
    const ctx = testContext(['restore', 'site.tar', '--force'], (_c, line) => (line.includes('stat -c') ? { stdout: '82:82\n' } : undefined));
    await withSecrets(ctx);
    const streams: PartStreams = {
      toFile: async () => undefined,
      fromFile: async (_f, c) => {
        if (brief(c).includes('mariadb --socket')) throw new Error('ERROR 1064 at line 3');
      },
    };
    await failure(clusterRestore(ctx, streams, { file: await archiveFile(), force: true }));
    expect(ctx.runner.planned()).toContain(`kubectl scale -n ft-services statefulset/wordpress deployment/phpmyadmin --replicas=1`);
  });
});

describe('cluster parts', () => {
  it('use the paths and workloads of k8s/base', async () => {
    const root = path.resolve(__dirname, '../../..');
    const ftps = await readFile(path.join(root, 'k8s/base/ftps.yaml'), 'utf8');
    expect(ftps).toContain(`mountPath: ${CLUSTER_PARTS.ftp.dir}`);
    const wp = await readFile(path.join(root, 'k8s/base/wordpress.yaml'), 'utf8');
    expect(wp).toMatch(/kind: StatefulSet/);
    expect(wp).toContain(`mountPath: ${CLUSTER_PARTS.uploads.dir}`);
    for (const s of ['mysql', 'influxdb', 'ftps']) expect(await readFile(path.join(root, `k8s/base/${s}.yaml`), 'utf8')).toMatch(/kind: StatefulSet/);
    expect(await readFile(path.join(root, 'k8s/base/phpmyadmin.yaml'), 'utf8')).toMatch(/kind: Deployment/);
  });
});
