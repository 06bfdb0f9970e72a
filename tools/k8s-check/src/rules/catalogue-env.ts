/**
 * K8S_CATALOGUE_ENV: the containers' environment written once. The catalogue (@ft/platform) names
 * each service's settings, accounts and secrets, tools/stack's k8sConfigEnv gives the settings'
 * values (the same function the local mode's environment sits beside); the `env:` blocks in k8s/
 * must say exactly that, so neither can change without the other. K8S_SERVICE_ENV checks the
 * values against the services' schemas; this rule checks the two sources against each other.
 */
import { CATALOGUE, SERVICES, secretNameOf, serviceEntry, type ServiceName } from '@ft/platform';
import { generateSecrets, k8sConfigEnv } from '@ft/stack';
import { violation, type Violation } from '../errors.js';
import { asRecord, asRecords, asString, get, kindOf, nameOf, type Json, type K8sObject } from '../manifest.js';
import { serviceWorkloads } from './workloads.js';

/** Where a variable's value comes from, as one comparable line. */
type Source = string;

const CONFIG_MAP = 'ft-config';
/** Where each pod mounts its own Secret (k8s/README.md, "Secrets"). */
const secretMountOf = (service: ServiceName) => `/run/secrets/${secretNameOf(service)}`;

/** The value that stands for EXTERNAL_HOST: k8sConfigEnv takes it, the manifests read it from ft-config. */
const HOST_MARK = '<ft-config>';

let expectedCache: Map<ServiceName, Map<string, Source>> | undefined;

/** Every variable the catalogue gives `service` in the cluster, with where its value comes from. */
function expectedEnv(service: ServiceName): Map<string, Source> {
  if (!expectedCache) {
    // The generated names and passwords are never compared here: only fixed values (database names).
    const secrets = generateSecrets(new Date(0));
    expectedCache = new Map(
      SERVICES.map((s): [ServiceName, Map<string, Source>] => {
        const entry = serviceEntry(s);
        const literal = k8sConfigEnv(s, secrets, HOST_MARK);
        const env = new Map<string, Source>();
        for (const name of entry.settings) {
          if (name === 'AGENT_POD_NAME') env.set(name, 'fieldRef metadata.name');
          else if (literal[name] === HOST_MARK) env.set(name, `configMapKeyRef ${CONFIG_MAP}/${name}`);
          else env.set(name, literal[name] === undefined ? 'no value in k8sConfigEnv' : `value ${literal[name]}`);
        }
        for (const name of entry.accounts) env.set(name, `secretKeyRef ${secretNameOf(s)}/${name}`);
        for (const name of entry.secrets) env.set(`${name}_FILE`, `value ${secretMountOf(s)}/${name}`);
        return [s, env];
      }),
    );
  }
  return expectedCache.get(service) ?? new Map<string, Source>();
}

function sourceOf(entry: Json): Source {
  if (entry.value !== undefined) return `value ${asString(entry.value) ?? JSON.stringify(entry.value)}`;
  const cm = asRecord(get(entry, 'valueFrom', 'configMapKeyRef'));
  if (cm) return `configMapKeyRef ${asString(cm.name) ?? '?'}/${asString(cm.key) ?? '?'}`;
  const secret = asRecord(get(entry, 'valueFrom', 'secretKeyRef'));
  if (secret) return `secretKeyRef ${asString(secret.name) ?? '?'}/${asString(secret.key) ?? '?'}`;
  const field = asString(get(entry, 'valueFrom', 'fieldRef', 'fieldPath'));
  if (field) return `fieldRef ${field}`;
  return 'an empty value';
}

export function checkCatalogueEnv(objects: K8sObject[]): Violation[] {
  const out: Violation[] = [];
  for (const { service, workload, container } of serviceWorkloads(objects)) {
    const say = (message: string) => out.push(violation('K8S_CATALOGUE_ENV', kindOf(workload), nameOf(workload), message));
    const kind = CATALOGUE[service].workload;
    if (kindOf(workload) !== kind) say(`the catalogue (@ft/platform) runs ${service} as a ${kind}`);
    if (!container) continue;
    if (asRecords(container.envFrom).length > 0) say(`container ${service}: envFrom; the catalogue's variables are listed one by one in env`);
    const expected = expectedEnv(service);
    const actual = new Map(asRecords(container.env).flatMap((e): Array<[string, Source]> => (asString(e.name) ? [[asString(e.name) ?? '', sourceOf(e)]] : [])));
    for (const [name, source] of expected) {
      const got = actual.get(name);
      if (got === undefined) say(`container ${service}: ${name} is missing; the catalogue gives it (${source})`);
      else if (got !== source) say(`container ${service}: ${name} is ${got}; the catalogue says ${source}`);
    }
    for (const [name, source] of actual) {
      if (!expected.has(name))
        say(`container ${service}: ${name} (${source}) is not in the catalogue's list for ${service} (packages/platform/src/services.ts)`);
    }
  }
  return out;
}
