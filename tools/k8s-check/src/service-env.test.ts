// K8S_SERVICE_ENV on the real rendering of k8s/overlays/minikube: the checker's own fixture is a
// synthetic platform whose env no service would accept, so this rule passes on what setup.sh
// deploys, then each case breaks a copy of it the way a typo in k8s/ would.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { container, must, podSpec, REPO_ROOT } from '../test/support.js';
import { formatViolation } from './errors.js';
import { asRecord, asRecords, type Json, type K8sObject } from './manifest.js';
import { renderKustomization } from './render.js';
import { checkServiceEnv } from './rules/service-env.js';

let rendered: Promise<K8sObject[]> | undefined;
async function minikube(): Promise<K8sObject[]> {
  rendered ??= renderKustomization(join(REPO_ROOT, 'k8s/overlays/minikube'));
  return structuredClone(await rendered);
}

function envOf(objects: K8sObject[], service: string): Json[] {
  return asRecords(container(objects, service).env);
}

function setValue(objects: K8sObject[], service: string, name: string, value: string): void {
  const entry = envOf(objects, service).find((e) => e.name === name);
  if (!entry) throw new Error(`${service} sets no ${name}`);
  delete entry.valueFrom;
  entry.value = value;
}

interface Case {
  what: string;
  /** A line the run must print, whole. */
  expected: string;
  mutate: (objects: K8sObject[]) => void;
}

const cases: Case[] = [
  {
    what: 'a secret setting without its file',
    expected: 'K8S_SERVICE_ENV StatefulSet/mysql: container mysql: MYSQL_ROOT_PASSWORD: is not set; expected a secret of at least 8 characters',
    mutate: (o) => void (container(o, 'mysql').env = envOf(o, 'mysql').filter((e) => e.name !== 'MYSQL_ROOT_PASSWORD_FILE')),
  },
  {
    what: 'a secret setting as a variable from its Secret',
    expected:
      'K8S_SECRET_FILE Deployment/nginx: container nginx: SSH_PASSWORD: a secret setting reaches the container as an environment variable; mount its Secret and set SSH_PASSWORD_FILE instead',
    mutate: (o) => {
      container(o, 'nginx').env = [
        ...envOf(o, 'nginx').filter((e) => e.name !== 'SSH_PASSWORD_FILE'),
        { name: 'SSH_PASSWORD', valueFrom: { secretKeyRef: { name: 'nginx-secrets', key: 'SSH_PASSWORD' } } },
      ];
    },
  },
  {
    what: 'every secret as variables (the whole Secret through envFrom)',
    expected:
      'K8S_SECRET_FILE StatefulSet/influxdb: container influxdb: INFLUXDB_ADMIN_PASSWORD: a secret setting reaches the container as an environment variable; mount its Secret and set INFLUXDB_ADMIN_PASSWORD_FILE instead',
    mutate: (o) => {
      const c = container(o, 'influxdb');
      c.env = envOf(o, 'influxdb').filter((e) => !String(e.name).endsWith('_FILE') && !asRecord(e.valueFrom)?.secretKeyRef);
      c.envFrom = [{ secretRef: { name: 'influxdb-secrets' } }];
    },
  },
  {
    what: "a _FILE variable naming a key the service's Secret has not",
    expected:
      'K8S_SERVICE_ENV Deployment/nginx: container nginx: SSH_PASSWORD_FILE: /run/secrets/nginx-secrets/SSH_PASSWD: Secret nginx-secrets mounted at /run/secrets/nginx-secrets has no key SSH_PASSWD',
    mutate: (o) => setValue(o, 'nginx', 'SSH_PASSWORD_FILE', '/run/secrets/nginx-secrets/SSH_PASSWD'),
  },
  {
    what: "a _FILE variable whose file's content the service rejects",
    expected: 'K8S_SERVICE_ENV StatefulSet/wordpress: container wordpress: WORDPRESS_USERS: is malformed',
    mutate: (o) => setValue(o, 'wordpress', 'WORDPRESS_USERS_FILE', '/run/secrets/wordpress-secrets/WORDPRESS_DB_PASSWORD'),
  },
  {
    what: "a service's Secret volume that is not mounted",
    expected:
      'K8S_SERVICE_ENV StatefulSet/mysql: container mysql: AGENT_INFLUX_PASSWORD_FILE: /run/secrets/mysql-secrets/AGENT_INFLUX_PASSWORD is not under the mount of a Secret',
    mutate: (o) => void (container(o, 'mysql').volumeMounts = asRecords(container(o, 'mysql').volumeMounts).filter((m) => m.name !== 'secrets')),
  },
  {
    what: 'a misspelt variable',
    expected: 'K8S_SERVICE_ENV StatefulSet/wordpress: container wordpress: WORDPRES_DB_NAME: not a variable wordpress or its agent reads',
    mutate: (o) => void ((envOf(o, 'wordpress').find((e) => e.name === 'WORDPRESS_DB_NAME') as Json).name = 'WORDPRES_DB_NAME'),
  },
  {
    what: 'a misspelt agent setting',
    expected: 'K8S_SERVICE_ENV StatefulSet/influxdb: container influxdb: AGENT_STOP_GRACE: not a variable influxdb or its agent reads',
    mutate: (o) => void ((envOf(o, 'influxdb').find((e) => e.name === 'AGENT_STOP_GRACE_MS') as Json).name = 'AGENT_STOP_GRACE'),
  },
  {
    what: 'a port out of range',
    expected: 'K8S_SERVICE_ENV Deployment/grafana: container grafana: GRAFANA_PORT: is malformed',
    mutate: (o) => setValue(o, 'grafana', 'GRAFANA_PORT', '70000'),
  },
  {
    what: 'an agent setting the agent rejects',
    expected: 'K8S_SERVICE_ENV Deployment/phpmyadmin: container phpmyadmin: AGENT_INFLUX_URL: is malformed',
    mutate: (o) => setValue(o, 'phpmyadmin', 'AGENT_INFLUX_URL', 'influxdb 8086'),
  },
  {
    what: 'a ConfigMap key the rendering lacks',
    expected: 'K8S_SERVICE_ENV Deployment/nginx: container nginx: EXTERNAL_HOST: ConfigMap ft-config has no key EXTERNAL_HOST',
    mutate: (o) => void delete (must(o, 'ConfigMap', 'ft-config').data as Json).EXTERNAL_HOST,
  },
  {
    what: 'a ConfigMap value the service rejects',
    expected: 'K8S_SERVICE_ENV StatefulSet/ftps: container ftps: EXTERNAL_HOST: is malformed',
    mutate: (o) => void ((must(o, 'ConfigMap', 'ft-config').data as Json).EXTERNAL_HOST = 'not a host'),
  },
  {
    what: 'a _FILE variable outside every Secret mount',
    expected: 'K8S_SERVICE_ENV StatefulSet/wordpress: container wordpress: TLS_KEY_FILE: /etc/ssl/tls.key is not under the mount of a Secret',
    mutate: (o) => setValue(o, 'wordpress', 'TLS_KEY_FILE', '/etc/ssl/tls.key'),
  },
  {
    what: 'a _FILE variable naming a key the TLS Secret has not',
    expected:
      'K8S_SERVICE_ENV Deployment/phpmyadmin: container phpmyadmin: TLS_CERT_FILE: /etc/ft/tls/cert.pem: Secret ft-tls mounted at /etc/ft/tls has no key cert.pem',
    mutate: (o) => setValue(o, 'phpmyadmin', 'TLS_CERT_FILE', '/etc/ft/tls/cert.pem'),
  },
  {
    what: 'a _FILE variable whose Secret volume is gone',
    expected: 'K8S_SERVICE_ENV StatefulSet/ftps: container ftps: TLS_CERT_FILE: /etc/ft/tls/tls.crt is not under the mount of a Secret',
    mutate: (o) => {
      const spec = podSpec(o, 'StatefulSet', 'ftps');
      spec.volumes = asRecords(spec.volumes).map((v) => (v.name === 'tls' ? { name: 'tls', emptyDir: {} } : v));
    },
  },
  {
    what: 'a Secret key setup.sh does not write',
    expected:
      'K8S_SERVICE_ENV Deployment/grafana: container grafana: GF_SECURITY_ADMIN_PASSWORD: Secret grafana-secrets as setup.sh makes it has no key GF_SECURITY_ADMIN_PASSWORD',
    mutate: (o) =>
      void (container(o, 'grafana').env as Json[]).push({
        name: 'GF_SECURITY_ADMIN_PASSWORD',
        valueFrom: { secretKeyRef: { name: 'grafana-secrets', key: 'GF_SECURITY_ADMIN_PASSWORD' } },
      }),
  },
  {
    what: 'envFrom a Secret that is not a service environment',
    expected: "K8S_SERVICE_ENV Deployment/nginx: container nginx: envFrom Secret ft-tls is not one setup.sh fills with a service's environment",
    mutate: (o) => void (container(o, 'nginx').envFrom = [{ secretRef: { name: 'ft-tls' } }]),
  },
  {
    what: 'a downward API field that does not exist',
    expected: 'K8S_SERVICE_ENV StatefulSet/wordpress: container wordpress: AGENT_POD_NAME: fieldRef metadata.podName is not a field the downward API gives',
    mutate: (o) => void ((envOf(o, 'wordpress').find((e) => e.name === 'AGENT_POD_NAME') as Json).valueFrom = { fieldRef: { fieldPath: 'metadata.podName' } }),
  },
];

describe('K8S_SERVICE_ENV', () => {
  it('passes on the real k8s/overlays/minikube', async () => {
    expect(checkServiceEnv(await minikube()).map(formatViolation)).toEqual([]);
  });

  it.each(cases)('fails on $what', async ({ expected, mutate }) => {
    const objects = await minikube();
    mutate(objects);
    const lines = checkServiceEnv(objects).map(formatViolation);
    expect(
      lines.some((l) => l === expected || l.startsWith(`${expected} `) || l.startsWith(`${expected}:`)),
      lines.join('\n'),
    ).toBe(true);
  });

  it('names a Secret-sourced value the service rejects without printing it', async () => {
    const objects = await minikube();
    // A password where a port belongs: FTP_PORT's schema is not secret, its error would quote it.
    const entry = envOf(objects, 'ftps').find((e) => e.name === 'FTP_PORT') as Json;
    delete entry.value;
    entry.valueFrom = { secretKeyRef: { name: 'ftps-secrets', key: 'FTP_PASSWORD' } };
    const lines = checkServiceEnv(objects).map(formatViolation);
    expect(lines.filter((l) => l.startsWith('K8S_SERVICE_ENV StatefulSet/ftps: container ftps: FTP_PORT: is malformed'))).toHaveLength(1);
    for (const line of lines) expect(line).not.toContain('(got ');
  });

  it("checks a generated Secret file's content without printing it", async () => {
    const objects = await minikube();
    // A password where a JSON user list belongs: the message names the setting, never the value.
    setValue(objects, 'wordpress', 'WORDPRESS_USERS_FILE', '/run/secrets/wordpress-secrets/WORDPRESS_DB_PASSWORD');
    const lines = checkServiceEnv(objects).map(formatViolation);
    expect(lines.filter((l) => l.startsWith('K8S_SERVICE_ENV StatefulSet/wordpress: container wordpress: WORDPRESS_USERS: is malformed'))).toHaveLength(1);
    for (const line of lines) expect(line).not.toContain('(got ');
  });
});
