/** What the local mode needs from this host: commands, the built agents, and each agent's process environment. */
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import type { ServiceEnv } from './service-env.js';
import type { ServiceName } from '@ft/platform';

/** Debian puts daemons in sbin, which a non-login root shell may lack. */
const SBIN = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

export function searchPath(): string {
  const dirs = (process.env.PATH ?? '').split(':').filter(Boolean);
  for (const dir of SBIN) if (!dirs.includes(dir)) dirs.push(dir);
  return dirs.join(':');
}

export function which(command: string, pathList = searchPath()): string | undefined {
  for (const dir of pathList.split(':')) {
    const candidate = path.join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // next
    }
  }
  return undefined;
}

/** The commands the local mode runs, per Debian package (tools/debian-packages.txt). */
const REQUIRED: readonly { command: string; pkg: string; for: ServiceName | 'launcher' }[] = [
  { command: 'unshare', pkg: 'util-linux', for: 'launcher' },
  { command: 'setpriv', pkg: 'util-linux', for: 'launcher' },
  { command: 'tini', pkg: 'tini', for: 'launcher' },
  { command: 'openssl', pkg: 'openssl', for: 'launcher' },
  { command: 'ssh-keygen', pkg: 'openssh-client', for: 'launcher' },
  { command: 'mariadbd', pkg: 'mariadb-server', for: 'mysql' },
  { command: 'mariadb-install-db', pkg: 'mariadb-server', for: 'mysql' },
  { command: 'influxd', pkg: 'influxdb', for: 'influxdb' },
  { command: 'nginx', pkg: 'nginx', for: 'nginx' },
  { command: 'sshd', pkg: 'openssh-server', for: 'nginx' },
  { command: 'php-fpm8.2', pkg: 'php-fpm', for: 'wordpress' },
  { command: 'php', pkg: 'php-cli', for: 'wordpress' },
  { command: 'vsftpd', pkg: 'vsftpd', for: 'ftps' },
  { command: 'useradd', pkg: 'passwd', for: 'ftps' },
];

/** "command (package)" for every missing command the given services need. */
export function missingCommands(services: readonly ServiceName[]): string[] {
  const wanted = new Set<string>(['launcher', ...services]);
  const missing = REQUIRED.filter((r) => wanted.has(r.for) && !which(r.command)).map((r) => `${r.command} (Debian package ${r.pkg})`);
  for (const [file, pkg, service] of [
    ['/usr/share/wordpress/wp-settings.php', 'wordpress', 'wordpress'],
    ['/usr/share/phpmyadmin/index.php', 'phpmyadmin', 'phpmyadmin'],
  ] as const) {
    if (wanted.has(service) && !existsSync(file)) missing.push(`${file} (Debian package ${pkg})`);
  }
  return missing;
}

export function agentBundlePath(repo: string, service: ServiceName): string {
  return path.join(repo, 'services', service, 'dist', 'agent.js');
}

export function missingBundles(repo: string, services: readonly ServiceName[]): string[] {
  return services.filter((s) => !existsSync(agentBundlePath(repo, s))).map((s) => agentBundlePath(repo, s));
}

/** Grafana has no Debian package: it runs only where Grafana's own .deb put grafana-server on PATH. */
export function grafanaSkipReason(): string | undefined {
  return which('grafana-server') ? undefined : 'skipped: grafana-server is not installed on this host (Debian has no Grafana package)';
}

/**
 * glibc malloc tuning for the agent's node process on this host. glibc gives each thread that
 * allocates its own arena (up to 8 per core) and keeps freed memory in them: node's worker threads
 * (GC, libuv pool) left several MB of idle RSS per agent. Two arenas and a fixed 128 KiB trim
 * threshold hand freed memory back. The images' musl malloc has no arenas and ignores both names,
 * so they belong here, not in the Dockerfiles. The agent's daemons do not inherit them: the agent
 * starts each with only the variables it declares.
 */
export const AGENT_MALLOC_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2', MALLOC_TRIM_THRESHOLD_: '131072' };

/**
 * Exactly what an agent sees, like a container's environment: no variables leak from the caller's
 * shell, and no secret value: `fileVariables` holds NAME_FILE paths to the files of `env.files`.
 */
export function agentProcessEnv(env: ServiceEnv, fileVariables: Record<string, string>): Record<string, string> {
  return { PATH: searchPath(), HOME: '/root', LANG: 'C.UTF-8', ...AGENT_MALLOC_ENV, ...env.config, ...env.accounts, ...fileVariables };
}
