/**
 * What `up` ends with: every URL, user and password, and the commands to reach the platform. No
 * dashboard token: minikube's dashboard addon needs no sign-in; `./setup.sh status --token` prints
 * a short-lived one on request.
 */
import { readFile } from 'node:fs/promises';
import { CATALOGUE, portOf } from '@ft/platform';
import { secretsSummary } from '@ft/stack';
import { parseSecrets, secretsPath } from '@ft/stack';

export type SecretsSummary = ReturnType<typeof secretsSummary>;

export function urlLines(ip: string): string[] {
  const wordpress = portOf('wordpress', 'https');
  const passive = CATALOGUE.ftps.passivePorts;
  return [
    `  nginx       http://${ip}/            (301 to https://${ip}/; the certificate is self-signed)`,
    `              https://${ip}/wordpress  (307 to https://${ip}:${wordpress}/)`,
    `              https://${ip}/phpmyadmin/`,
    `  wordpress   https://${ip}:${wordpress}/       (admin: https://${ip}:${wordpress}/wp-admin/)`,
    `  phpmyadmin  https://${ip}:${portOf('phpmyadmin', 'https')}/`,
    `  grafana     https://${ip}:${portOf('grafana', 'https')}/`,
    `  ftps        ${ip}:${portOf('ftps', 'ftp')}, explicit TLS, passive ports ${passive.min}-${passive.max}`,
    `  ssh         ${ip}:${portOf('nginx', 'ssh')}`,
  ];
}

export function credentialLines(ip: string, s: SecretsSummary): string[] {
  const out = [
    '',
    'Users and passwords (kept in state/cluster/secrets.json, mode 600):',
    `  WordPress (https://${ip}:${portOf('wordpress', 'https')}/wp-login.php):`,
  ];
  for (const u of s.wordpress.users) out.push(`    ${u.role.padEnd(14)}${u.login.padEnd(14)} ${u.password}`);
  out.push(
    `  phpMyAdmin:   ${s.phpmyadmin.user} / ${s.phpmyadmin.password}   (${s.phpmyadmin.note})`,
    `  MySQL root:   ${s.mysql.rootPassword}   (kubectl -n ft-services exec -it mysql-0 -- mariadb -uroot -p)`,
    `  Grafana:      ${s.grafana.user} / ${s.grafana.password}`,
    `  SSH:          ${s.ssh.user} / ${s.ssh.password}`,
    `  FTPS:         ${s.ftp.user} / ${s.ftp.password}`,
    '',
    'Commands:',
    `  ssh ${s.ssh.user}@${ip}`,
    `  lftp -u ${s.ftp.user} -e "set ftp:ssl-force true; set ftp:ssl-protect-data true; set ssl:verify-certificate no; ls; bye" ${ip}`,
    `  curl --ssl-reqd -k -u ${s.ftp.user} -T ./file ftp://${ip}/     (upload; download: curl --ssl-reqd -k -u ${s.ftp.user} -O ftp://${ip}/file)`,
  );
  return out;
}

export async function readSecretsSummary(stateDir: string): Promise<SecretsSummary> {
  const file = secretsPath(stateDir);
  return secretsSummary(parseSecrets(await readFile(file, 'utf8'), file));
}

export function summaryText(ip: string, profile: string, secrets: SecretsSummary | undefined): string {
  return [
    `ft_services is up on ${ip} (minikube profile ${profile})`,
    '',
    ...urlLines(ip),
    ...(secrets ? credentialLines(ip, secrets) : ['', '  users and passwords: from state/cluster/secrets.json; the ssh, lftp and curl commands']),
    '',
    `Kubernetes dashboard: minikube -p ${profile} dashboard --url (no sign-in; a short-lived token if one is asked: ./setup.sh status --token)`,
    'Health at any time: ./setup.sh status    Prove it again: ./setup.sh verify    Remove: ./setup.sh delete [--purge]',
  ].join('\n');
}
