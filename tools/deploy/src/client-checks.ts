/**
 * The client checks of `verify`: @ft/verify's runChecks against the cluster's address, with the
 * deployment's own secrets (state/cluster/secrets.json, read with tools/stack's schema). Each
 * result names the service to diagnose when it fails.
 */
import { readFile } from 'node:fs/promises';
import { type CheckName, type CheckResult, runChecks } from '@ft/verify';
import { parseSecrets, secretsPath } from '@ft/stack';
import type { ClientCheckResult, ClientChecks } from './verify.js';

/** The service whose pod a failing check points at. */
export const SERVICE_OF_CHECK: Readonly<Record<CheckName, string>> = {
  'http-redirect': 'nginx',
  'https-page': 'nginx',
  'wordpress-redirect': 'nginx',
  'phpmyadmin-proxy': 'nginx',
  'wordpress-tls': 'wordpress',
  'phpmyadmin-tls': 'phpmyadmin',
  'grafana-login': 'grafana',
  'ftps-transfer': 'ftps',
  'ftp-plain-refused': 'ftps',
  'ssh-login': 'nginx',
  'ssh-root-refused': 'nginx',
  'wordpress-logins': 'wordpress',
  'phpmyadmin-login': 'phpmyadmin',
  'mysql-closed': 'mysql',
  'influxdb-closed': 'influxdb',
};

/** A skipped check is not a pass: it is reported, and it fails verify (a cluster skips nothing). */
export function toClientResults(results: readonly CheckResult[]): ClientCheckResult[] {
  return results.map((r) => ({
    name: `${r.name} (${r.title})`,
    ok: r.status === 'pass',
    message: r.status === 'skip' ? `skipped: ${r.message}` : `${r.message}${r.code ? ` [${r.code}]` : ''}`,
    service: SERVICE_OF_CHECK[r.name],
  }));
}

export const verifyClientChecks: ClientChecks = async ({ address, stateDir, say }) => {
  const file = secretsPath(stateDir);
  const secrets = parseSecrets(await readFile(file, 'utf8'), file);
  const results = await runChecks({ address }, { secrets, onResult: (r) => say(`  ${r.status === 'pass' ? 'ok  ' : r.status.toUpperCase()} ${r.name}`) });
  return toClientResults(results);
};
