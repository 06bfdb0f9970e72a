// K8S_CATALOGUE_ENV on the real rendering of k8s/overlays/minikube: the manifests' env blocks and
// the catalogue (@ft/platform + tools/stack's k8sConfigEnv) agree; each case changes one side the
// way an edit of only one of them would, and the rule names the difference.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { container, REPO_ROOT } from '../test/support.js';
import { formatViolation } from './errors.js';
import { asRecords, type Json, type K8sObject } from './manifest.js';
import { renderKustomization } from './render.js';
import { checkCatalogueEnv } from './rules/catalogue-env.js';

let rendered: Promise<K8sObject[]> | undefined;
async function minikube(): Promise<K8sObject[]> {
  rendered ??= renderKustomization(join(REPO_ROOT, 'k8s/overlays/minikube'));
  return structuredClone(await rendered);
}

function entry(objects: K8sObject[], service: string, name: string): Json {
  const found = asRecords(container(objects, service).env).find((e) => e.name === name);
  if (!found) throw new Error(`${service} sets no ${name}`);
  return found;
}

const cases: Array<{ what: string; expected: string; mutate: (objects: K8sObject[]) => void }> = [
  {
    what: 'a value k8s/ changed alone',
    expected: 'K8S_CATALOGUE_ENV StatefulSet/wordpress: container wordpress: MYSQL_PORT is value 3307; the catalogue says value 3306',
    mutate: (o) => void (entry(o, 'wordpress', 'MYSQL_PORT').value = '3307'),
  },
  {
    what: 'a variable k8s/ added alone',
    expected:
      "K8S_CATALOGUE_ENV Deployment/phpmyadmin: container phpmyadmin: PMA_ABSOLUTE_URI (value https://x/) is not in the catalogue's list for phpmyadmin (packages/platform/src/services.ts)",
    mutate: (o) => void (container(o, 'phpmyadmin').env as Json[]).push({ name: 'PMA_ABSOLUTE_URI', value: 'https://x/' }),
  },
  {
    what: 'a secret file k8s/ dropped',
    expected:
      'K8S_CATALOGUE_ENV Deployment/grafana: container grafana: GRAFANA_SECRET_KEY_FILE is missing; the catalogue gives it (value /run/secrets/grafana-secrets/GRAFANA_SECRET_KEY)',
    mutate: (o) => void (container(o, 'grafana').env = asRecords(container(o, 'grafana').env).filter((e) => e.name !== 'GRAFANA_SECRET_KEY_FILE')),
  },
  {
    what: 'an account read from another Secret',
    expected:
      'K8S_CATALOGUE_ENV Deployment/nginx: container nginx: SSH_USER is secretKeyRef ftps-secrets/SSH_USER; the catalogue says secretKeyRef nginx-secrets/SSH_USER',
    mutate: (o) => void (entry(o, 'nginx', 'SSH_USER').valueFrom = { secretKeyRef: { name: 'ftps-secrets', key: 'SSH_USER' } }),
  },
  {
    what: 'the external address written in place of ft-config',
    expected:
      'K8S_CATALOGUE_ENV StatefulSet/ftps: container ftps: EXTERNAL_HOST is value 192.0.2.240; the catalogue says configMapKeyRef ft-config/EXTERNAL_HOST',
    mutate: (o) => {
      const e = entry(o, 'ftps', 'EXTERNAL_HOST');
      delete e.valueFrom;
      e.value = '192.0.2.240';
    },
  },
  {
    what: 'a workload of another kind than the catalogue says',
    expected: 'K8S_CATALOGUE_ENV Deployment/mysql: the catalogue (@ft/platform) runs mysql as a StatefulSet',
    mutate: (o) => {
      const mysql = o.find((x) => x.kind === 'StatefulSet' && (x.metadata as Json | undefined)?.name === 'mysql');
      if (mysql) mysql.kind = 'Deployment';
    },
  },
];

describe('K8S_CATALOGUE_ENV', () => {
  it('passes on the real k8s/overlays/minikube: the env blocks are the catalogue', async () => {
    expect(checkCatalogueEnv(await minikube()).map(formatViolation)).toEqual([]);
  });

  it.each(cases)('fails on $what', async ({ expected, mutate }) => {
    const objects = await minikube();
    mutate(objects);
    const lines = checkCatalogueEnv(objects).map(formatViolation);
    expect(lines, lines.join('\n')).toContain(expected);
  });
});
