/**
 * The files setup.sh turns into Kubernetes Secrets (contracts.md section 1), all mode 600:
 * `<service>.secret.env` per service, `tls.crt`/`tls.key`, `ssh-host-keys/`, and `summary.json`
 * (users and passwords for setup.sh's closing summary).
 */
import { chmod, copyFile, mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { keyMaterialPaths } from './key-material.js';
import type { Secrets } from './secrets.js';
import { secretEnv, type EnvMap } from './service-env.js';
import { SERVICES } from '@ft/platform';

/** `KEY=value` lines as `kubectl create secret --from-env-file` reads them (no quoting: values are taken verbatim). */
export function envFileText(env: EnvMap): string {
  return Object.entries(env)
    .map(([key, value]) => {
      if (/[\r\n]/.test(value)) throw new Error(`${key}: a value for an env file must be on one line`);
      return `${key}=${value}\n`;
    })
    .join('');
}

/** What setup.sh prints at the end: every login a user of the platform may need. */
export function summary(s: Secrets) {
  return {
    wordpress: { users: s.wordpress.users.map(({ login, password, role, email }) => ({ login, password, role, email })) },
    phpmyadmin: { user: s.wordpress.dbUser, password: s.wordpress.dbPassword, note: 'root cannot log in to phpMyAdmin' },
    mysql: { rootPassword: s.mysql.rootPassword, database: s.wordpress.dbName },
    ssh: { user: s.ssh.user, password: s.ssh.password },
    ftp: { user: s.ftp.user, password: s.ftp.password },
    grafana: { user: s.grafana.admin.user, password: s.grafana.admin.password },
    influxdb: { database: s.influxdb.db, admin: s.influxdb.admin, write: s.influxdb.write, read: s.influxdb.read },
  };
}

export async function writeK8sOut(stateDir: string, secrets: Secrets, outDir: string): Promise<string[]> {
  const keys = keyMaterialPaths(stateDir);
  await mkdir(outDir, { recursive: true, mode: 0o700 });
  await chmod(outDir, 0o700);
  const written: string[] = [];
  const put = async (name: string, text: string) => {
    const file = path.join(outDir, name);
    const tmp = `${file}.tmp`;
    await writeFile(tmp, text, { mode: 0o600 });
    await chmod(tmp, 0o600);
    await rename(tmp, file);
    written.push(name);
  };
  for (const service of SERVICES) await put(`${service}.secret.env`, envFileText(secretEnv(service, secrets)));
  await put('summary.json', `${JSON.stringify(summary(secrets), null, 2)}\n`);
  for (const [name, from] of [
    ['tls.crt', keys.tlsCert],
    ['tls.key', keys.tlsKey],
  ] as const) {
    await copyFile(from, path.join(outDir, name));
    await chmod(path.join(outDir, name), 0o600);
    written.push(name);
  }
  const hostKeys = path.join(outDir, 'ssh-host-keys');
  await mkdir(hostKeys, { recursive: true, mode: 0o700 });
  await chmod(hostKeys, 0o700);
  for (const name of (await readdir(keys.sshHostKeyDir)).sort()) {
    if (!/^ssh_host_\w+_key(\.pub)?$/.test(name)) continue;
    await copyFile(path.join(keys.sshHostKeyDir, name), path.join(hostKeys, name));
    await chmod(path.join(hostKeys, name), 0o600);
    written.push(`ssh-host-keys/${name}`);
  }
  return written;
}
