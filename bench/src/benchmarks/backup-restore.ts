/**
 * Backup and restore (issue 16): `local backup` of a platform holding 1,000 posts, 100 MB of user
 * files (50 MB of WordPress uploads and 50 MB of FTP files, random bytes as media are: they do not
 * compress) and a day of metrics (every service's cpu/mem/net series every 10 s for 24 h, written
 * with `influx -import`), then `local restore --force` of that archive into the same state dir
 * (which includes restarting every service and the evaluator's checks). Figures, no target: the
 * issue asks for the times and the archive's size.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SERVICES } from '@ft/platform';
import { withStack, type LocalStack } from '../support/stack.js';
import { round } from '../support/stats.js';
import type { BenchContext, BenchResult, Benchmark } from '../types.js';

interface Secrets {
  wordpress: { dbName: string };
  influxdb: { db: string; admin: { user: string; password: string } };
}

function run(argv: string[], input?: string, env?: NodeJS.ProcessEnv): string {
  const [cmd, ...args] = argv;
  const res = spawnSync(cmd as string, args, { input, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (res.status !== 0) throw new Error(`${argv.slice(0, 3).join(' ')} ... exited ${res.status}: ${res.stderr.slice(-1500)}`);
  return res.stdout;
}

async function writeRandomFiles(dir: string, totalMb: number, fileMb: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < totalMb / fileMb; i++) await writeFile(path.join(dir, `media-${i}.bin`), randomBytes(fileMb << 20));
}

/**
 * Line protocol for 24 h at 10 s: the size and shape of every service's cpu/mem/net series. Under
 * measurement names of their own (bench_*): the live agents write the real ones meanwhile, and a
 * field whose type differs from theirs would be refused.
 */
function dayOfMetrics(db: string, now: number, hours: number): string {
  const lines = ['# DDL', `CREATE DATABASE ${db}`, '# DML', `# CONTEXT-DATABASE: ${db}`];
  const steps = (hours * 3600) / 10;
  for (let i = 0; i < steps; i++) {
    const t = now - (steps - i) * 10;
    for (const s of SERVICES) {
      lines.push(`bench_cpu,service=${s},pod=${s}-0 usage_percent=${(i % 97) / 10},throttled_periods=0i ${t}`);
      lines.push(`bench_mem,service=${s},pod=${s}-0 rss_bytes=${40_000_000 + (i % 1000) * 1000}i,limit_bytes=268435456i ${t}`);
      lines.push(`bench_net,service=${s},pod=${s}-0,interface=eth0 bytes_recv=${i * 1200}i,bytes_sent=${i * 900}i ${t}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

async function fill(ctx: BenchContext, stack: LocalStack, posts: number, filesMb: number, hours: number): Promise<void> {
  const secrets = JSON.parse(await readFile(path.join(stack.stateDir, 'secrets.json'), 'utf8')) as Secrets;
  const socket = path.join(stack.stateDir, 'run', 'mysql', 'mysqld', 'mysqld.sock');
  const rows = Array.from(
    { length: posts },
    (_, i) => `(1, NOW(), NOW(), '${'Lorem ipsum dolor sit amet. '.repeat(40)}', 'Post ${i}', '', 'publish', 'post-${i}', '', '', NOW(), NOW(), '', 'post')`,
  );
  run(
    ['mariadb', `--socket=${socket}`, '--user=root', secrets.wordpress.dbName],
    `INSERT INTO wp_posts (post_author, post_date, post_date_gmt, post_content, post_title, post_excerpt, post_status, post_name, to_ping, pinged, post_modified, post_modified_gmt, post_content_filtered, post_type) VALUES ${rows.join(',\n')};\n`,
  );
  ctx.log(`${posts} posts written`);
  await writeRandomFiles(path.join(stack.stateDir, 'wordpress-uploads', 'bench'), filesMb / 2, 5);
  await writeRandomFiles(path.join(stack.stateDir, 'ftp', 'files', 'bench'), filesMb / 2, 5);
  ctx.log(`${filesMb} MB of uploads and FTP files written`);
  const importFile = path.join(ctx.workDir, 'metrics.lp');
  await writeFile(importFile, dayOfMetrics(secrets.influxdb.db, Math.floor(Date.now() / 1000), hours));
  run(['influx', '-host', stack.internalAddress, '-port', '8086', '-import', '-path', importFile, '-precision', 's'], undefined, {
    INFLUX_USERNAME: secrets.influxdb.admin.user,
    INFLUX_PASSWORD: secrets.influxdb.admin.password,
  });
  ctx.log(`${hours} h of metrics imported`);
}

export const benchmark: Benchmark = {
  name: 'backup-restore',
  title: 'Backup and restore: 1,000 posts, 100 MB of uploads and FTP files, a day of metrics',
  async run(ctx: BenchContext): Promise<BenchResult> {
    const posts = ctx.quick ? 100 : 1000;
    const filesMb = ctx.quick ? 10 : 100;
    const hours = ctx.quick ? 1 : 24;
    return withStack({ repoRoot: ctx.repoRoot, stateDir: path.join(ctx.workDir, 'state'), upTimeoutS: 240 }, async (stack) => {
      await stack.up();
      await fill(ctx, stack, posts, filesMb, hours);
      const archive = path.join(ctx.workDir, 'site.tar');
      const backup = await stack.backup(archive);
      if (backup.code !== 0) throw new Error(`local backup exited ${backup.code}:\n${backup.output.slice(-2000)}`);
      const size = (await stat(archive)).size;
      ctx.log(`backup: ${round(backup.elapsedMs / 1000)} s, ${round(size / 2 ** 20)} MiB`);
      const restore = await stack.restore(archive, ['--force']);
      if (restore.code !== 0) throw new Error(`local restore exited ${restore.code}:\n${restore.output.slice(-2000)}`);
      ctx.log(`restore: ${round(restore.elapsedMs / 1000)} s`);
      return {
        figures: {
          posts,
          user_files_mb: filesMb,
          metrics_hours: hours,
          backup_s: round(backup.elapsedMs / 1000),
          archive_mib: round(size / 2 ** 20),
          restore_s: round(restore.elapsedMs / 1000),
        },
        targets: [],
        notes: [
          'restore includes stopping the stack, MySQL and InfluxDB alone on fresh data, loading each part, starting every service and the evaluator checks',
        ],
      };
    });
  },
};
