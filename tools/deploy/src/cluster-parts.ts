/**
 * Where a cluster keeps what a user created, and the commands that read and write it: each a
 * `kubectl exec` of an argument array in the service's own container (the images have the clients:
 * mariadb-dump and mariadb, influxd and influx, tar, find, chown, stat). The paths are those of
 * k8s/base (a test reads the manifests so the two never drift).
 */
import { type Context, kubectl, NAMESPACE } from './context.js';
import type { Command } from './runner.js';

export const CLUSTER_PARTS = {
  mysql: { workload: 'statefulset/mysql', container: 'mysql', socket: '/run/ft/mysqld/mysqld.sock' },
  influxdb: { workload: 'statefulset/influxdb', container: 'influxdb', rpc: '127.0.0.1:8088', scratch: '/tmp/ft-backup' },
  uploads: { workload: 'statefulset/wordpress', container: 'wordpress', dir: '/usr/share/webapps/wordpress/wp-content/uploads' },
  ftp: { workload: 'statefulset/ftps', container: 'ftps', dir: '/var/lib/ftp' },
} as const;
type Part = keyof typeof CLUSTER_PARTS;

/** The workloads that write to MySQL: stopped while its dump is loaded. */
export const MYSQL_WRITERS = ['statefulset/wordpress', 'deployment/phpmyadmin'] as const;

/** `kubectl exec [-i] -n ft-services <workload> -c <container> -- argv...` */
export function execIn(ctx: Context, part: Part, argv: readonly string[], stdin = false): Command {
  const { workload, container } = CLUSTER_PARTS[part];
  return kubectl(ctx, 'exec', ...(stdin ? ['-i'] : []), '-n', NAMESPACE, workload, '-c', container, '--', ...argv);
}

export function mysqlDump(ctx: Context, db: string): Command {
  // OS root in the container reaches root@localhost through unix_socket: no password.
  return execIn(ctx, 'mysql', [
    'mariadb-dump',
    `--socket=${CLUSTER_PARTS.mysql.socket}`,
    '--user=root',
    '--single-transaction',
    '--quick',
    '--routines',
    '--triggers',
    '--events',
    '--hex-blob',
    db,
  ]);
}

export function mysqlLoad(ctx: Context, db: string): Command {
  return execIn(ctx, 'mysql', ['mariadb', `--socket=${CLUSTER_PARTS.mysql.socket}`, '--user=root', db], true);
}

/** Counts what a fresh WordPress does not have: posts beyond the installer's three. */
export function mysqlContentCount(ctx: Context, db: string): Command {
  return execIn(ctx, 'mysql', [
    'mariadb',
    `--socket=${CLUSTER_PARTS.mysql.socket}`,
    '--user=root',
    '--batch',
    '--skip-column-names',
    db,
    '--execute',
    'SELECT COUNT(*) FROM wp_posts WHERE ID > 3',
  ]);
}

export function influxBackup(ctx: Context, db: string): Command[] {
  const { rpc, scratch } = CLUSTER_PARTS.influxdb;
  return [execIn(ctx, 'influxdb', ['rm', '-rf', scratch]), execIn(ctx, 'influxdb', ['influxd', 'backup', '-portable', '-database', db, '-host', rpc, scratch])];
}

export function influxBackupStream(ctx: Context): Command {
  return execIn(ctx, 'influxdb', ['tar', '-C', CLUSTER_PARTS.influxdb.scratch, '-czf', '-', '.']);
}

export function influxScratchClean(ctx: Context): Command {
  return execIn(ctx, 'influxdb', ['rm', '-rf', CLUSTER_PARTS.influxdb.scratch]);
}

export function influxRestore(ctx: Context, fromDb: string, toDb: string): Command[] {
  const { rpc, scratch } = CLUSTER_PARTS.influxdb;
  return [
    // The admin's password is in the container's environment (or the file it names): a fixed script
    // reads it there, so it is never on a command line; the database name is its one argument.
    execIn(ctx, 'influxdb', [
      'sh',
      '-c',
      'INFLUX_USERNAME="$INFLUXDB_ADMIN_USER" INFLUX_PASSWORD="${INFLUXDB_ADMIN_PASSWORD:-$(cat "$INFLUXDB_ADMIN_PASSWORD_FILE")}" exec influx -host 127.0.0.1 -port 8086 -execute "DROP DATABASE \\"$1\\""',
      'drop-database',
      toDb,
    ]),
    execIn(ctx, 'influxdb', ['influxd', 'restore', '-portable', '-db', fromDb, '-newdb', toDb, '-host', rpc, scratch]),
  ];
}

export function influxRestoreUnpack(ctx: Context): Command[] {
  const { scratch } = CLUSTER_PARTS.influxdb;
  return [execIn(ctx, 'influxdb', ['rm', '-rf', scratch]), execIn(ctx, 'influxdb', ['mkdir', '-p', scratch])];
}

export function influxRestoreStream(ctx: Context): Command {
  return execIn(ctx, 'influxdb', ['tar', '-C', CLUSTER_PARTS.influxdb.scratch, '-xzf', '-'], true);
}

export function treeBackup(ctx: Context, part: 'uploads' | 'ftp'): Command {
  return execIn(ctx, part, ['tar', '-C', CLUSTER_PARTS[part].dir, '-czf', '-', '.']);
}

/** Lists the tree's regular files (directories alone, like the FTP jail's files/, are no content). */
export function treeFiles(ctx: Context, part: 'uploads' | 'ftp'): Command {
  return execIn(ctx, part, ['find', CLUSTER_PARTS[part].dir, '-type', 'f']);
}

export function treeOwner(ctx: Context, part: 'uploads' | 'ftp'): Command {
  return execIn(ctx, part, ['stat', '-c', '%u:%g', CLUSTER_PARTS[part].dir]);
}

/** Empties the tree (the volume's root stays, with its owner and mode) and unpacks a part into it. */
export function treeRestore(ctx: Context, part: 'uploads' | 'ftp'): { clear: Command; unpack: Command } {
  const dir = CLUSTER_PARTS[part].dir;
  return {
    clear: execIn(ctx, part, ['find', dir, '-mindepth', '1', '-delete']),
    unpack: execIn(ctx, part, ['tar', '-C', dir, '-xzf', '-'], true),
  };
}

export function treeChown(ctx: Context, part: 'uploads' | 'ftp', owner: string): Command {
  return execIn(ctx, part, ['chown', '-R', owner, CLUSTER_PARTS[part].dir]);
}
