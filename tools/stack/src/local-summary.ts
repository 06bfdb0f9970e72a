/**
 * What `local up` ends with and `local status` repeats: every URL on the public address, every
 * login with its password, and the SSH and FTPS commands, as the cluster deploy's summary does.
 * The passwords come from this state dir's secrets.json (mode 600, root's), which the same user
 * can read anyway; the summary says so, so nobody wonders where they live.
 */
import type { LocalLayout } from './local-layout.js';
import { PUBLIC_PORTS } from './local-layout.js';
import { secretsPath, type Secrets } from './secrets.js';

export interface SummaryOptions {
  layout: LocalLayout;
  secrets: Secrets;
  /** Why Grafana is not running here (no grafana-server), when it is not. */
  grafanaSkipped?: string | undefined;
}

export function summaryLines({ layout, secrets, grafanaSkipped }: SummaryOptions): string[] {
  const a = layout.address;
  const p = PUBLIC_PORTS;
  const rows: Array<[string, string]> = [
    [`http://${a}`, 'nginx: 301 to https'],
    [`https://${a}`, 'nginx: the index page'],
    [`https://${a}/wordpress`, `307 to https://${a}:${p.wordpress} (WordPress)`],
    [`https://${a}/phpmyadmin/`, `phpMyAdmin through nginx (also https://${a}:${p.phpmyadmin})`],
    [`https://${a}:${p.wordpress}/wp-admin/`, 'WordPress administration'],
    [
      `https://${a}:${p.grafana}`,
      grafanaSkipped ? `Grafana: not running here, ${grafanaSkipped.replace(/^skipped: /, '')}` : 'Grafana: a dashboard per service and an overview',
    ],
  ];
  const width = Math.max(...rows.map(([url]) => url.length));
  const lines = ['', `ft_services (local mode) on ${a}; self-signed certificate: accept the warning (curl -k)`, ''];
  for (const [url, what] of rows) lines.push(`  ${url.padEnd(width)}  ${what}`);
  lines.push('', '  logins (from ' + secretsPath(layout.stateDir) + '):');
  const logins: Array<[string, string, string]> = [
    ...secrets.wordpress.users.map((u): [string, string, string] => [`WordPress ${u.role}`, u.login, u.password]),
    ['phpMyAdmin (MySQL)', secrets.wordpress.dbUser, secrets.wordpress.dbPassword],
    ['Grafana', secrets.grafana.admin.user, secrets.grafana.admin.password],
    ['SSH (nginx)', secrets.ssh.user, secrets.ssh.password],
    ['FTPS', secrets.ftp.user, secrets.ftp.password],
  ];
  const w1 = Math.max(...logins.map(([what]) => what.length));
  const w2 = Math.max(...logins.map(([, user]) => user.length));
  for (const [what, user, password] of logins) lines.push(`    ${what.padEnd(w1)}  ${user.padEnd(w2)}  ${password}`);
  lines.push(
    '',
    `  ssh ${secrets.ssh.user}@${a}`,
    `  lftp -u ${secrets.ftp.user} -e 'set ftp:ssl-force true; set ssl:verify-certificate no' ${a}`,
    `  curl -k --ssl-reqd -u ${secrets.ftp.user} -T FILE ftp://${a}/   (passive ports ${p.pasvMin}-${p.pasvMax})`,
    '',
  );
  return lines;
}
