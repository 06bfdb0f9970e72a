// Every manifest rule, proven able to fail: the valid fixture passes, then each case breaks a copy
// of it one way and expects that rule's error naming the object.
import { describe, expect, it } from 'vitest';
import { container, fixtureObjects, must, podSpec, rules, servicePorts } from '../test/support.js';
import { RULES, type RuleId } from './errors.js';
import { asRecord, asRecords, kindOf, nameOf, type Json, type K8sObject } from './manifest.js';
import { checkRendering } from './manifests.js';

interface Case {
  rule: RuleId;
  what: string;
  /** `Kind/name` the violation must name. */
  object: string;
  mutate: (objects: K8sObject[]) => K8sObject[] | void;
}

function annotations(obj: Json): Json {
  const metadata = asRecord(obj.metadata) ?? {};
  metadata.annotations ??= {};
  return metadata.annotations as Json;
}

function spec(obj: Json): Json {
  return asRecord(obj.spec) ?? {};
}

function without(objects: K8sObject[], kind: string, name: string): K8sObject[] {
  return objects.filter((o) => !(kindOf(o) === kind && nameOf(o) === name));
}

const cases: Case[] = [
  {
    rule: 'K8S_SCHEMA',
    what: 'a port that is not an integer',
    object: 'Service/grafana',
    mutate: (o) => void ((servicePorts(o, 'grafana')[0] as Json).port = 'three-thousand'),
  },
  {
    rule: 'K8S_SCHEMA',
    what: 'a MetalLB pool without addresses (CRD schema)',
    object: 'IPAddressPool/ft-pool',
    mutate: (o) => void delete spec(must(o, 'IPAddressPool', 'ft-pool')).addresses,
  },
  {
    rule: 'K8S_UNKNOWN_FIELD',
    what: 'a misspelt imagePullPolicy',
    object: 'Deployment/nginx',
    mutate: (o) => {
      const c = container(o, 'nginx');
      delete c.imagePullPolicy;
      c.imagePulPolicy = 'Never';
    },
  },
  {
    rule: 'K8S_UNKNOWN_FIELD',
    what: 'a field MetalLB does not know',
    object: 'L2Advertisement/ft-l2',
    mutate: (o) => void (spec(must(o, 'L2Advertisement', 'ft-l2')).ipAdressPools = ['ft-pool']),
  },
  {
    rule: 'K8S_UNKNOWN_KIND',
    what: 'a kind nothing defines',
    object: 'Widget/x',
    mutate: (o) => void o.push({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'x', namespace: 'ft-services' } }),
  },
  {
    rule: 'K8S_NAMESPACE',
    what: 'a namespaced object without a namespace',
    object: 'ConfigMap/ft-config',
    mutate: (o) => void delete (asRecord(must(o, 'ConfigMap', 'ft-config').metadata) ?? {}).namespace,
  },
  {
    rule: 'K8S_NAMESPACE',
    what: 'no Namespace ft-services',
    object: 'Namespace/ft-services',
    mutate: (o) => without(o, 'Namespace', 'ft-services'),
  },
  { rule: 'K8S_SERVICE_MISSING', what: 'no Service grafana', object: 'Service/grafana', mutate: (o) => without(o, 'Service', 'grafana') },
  {
    rule: 'K8S_SERVICE_TYPE',
    what: 'mysql exposed as a LoadBalancer',
    object: 'Service/mysql',
    mutate: (o) => void (spec(must(o, 'Service', 'mysql')).type = 'LoadBalancer'),
  },
  {
    rule: 'K8S_SERVICE_TYPE',
    what: 'grafana as ClusterIP',
    object: 'Service/grafana',
    mutate: (o) => {
      const s = spec(must(o, 'Service', 'grafana'));
      s.type = 'ClusterIP';
      delete s.allocateLoadBalancerNodePorts;
    },
  },
  {
    rule: 'K8S_SERVICE_PORTS',
    what: 'nginx without port 22',
    object: 'Service/nginx',
    mutate: (o) => void (spec(must(o, 'Service', 'nginx')).ports = servicePorts(o, 'nginx').filter((p) => p.port !== 22)),
  },
  {
    rule: 'K8S_SERVICE_PORTS',
    what: 'the agent port published on a LoadBalancer',
    object: 'Service/wordpress',
    mutate: (o) => void servicePorts(o, 'wordpress').push({ name: 'agent', port: 9180, targetPort: 9180 }),
  },
  {
    rule: 'K8S_SERVICE_PORTS',
    what: 'a port that targets another container port',
    object: 'Service/phpmyadmin',
    mutate: (o) => void ((servicePorts(o, 'phpmyadmin')[0] as Json).targetPort = 443),
  },
  {
    rule: 'K8S_PORT_CONFLICT',
    what: 'two LoadBalancers on port 3000',
    object: 'Service/grafana',
    mutate: (o) => {
      servicePorts(o, 'phpmyadmin').push({ name: 'x', port: 3000, targetPort: 3000 });
      servicePorts(o, 'nginx').push({ name: 'x', port: 5000, targetPort: 5000 });
    },
  },
  {
    rule: 'K8S_SHARED_IP',
    what: 'a different sharing key',
    object: 'Service/ftps',
    mutate: (o) => void (annotations(must(o, 'Service', 'ftps'))['metallb.io/allow-shared-ip'] = 'other'),
  },
  {
    rule: 'K8S_SHARED_IP',
    what: 'no requested IP',
    object: 'Service/grafana',
    mutate: (o) => void delete annotations(must(o, 'Service', 'grafana'))['metallb.io/loadBalancerIPs'],
  },
  {
    rule: 'K8S_SHARED_IP',
    what: 'externalTrafficPolicy Local',
    object: 'Service/nginx',
    mutate: (o) => void (spec(must(o, 'Service', 'nginx')).externalTrafficPolicy = 'Local'),
  },
  {
    rule: 'K8S_PASSIVE_RANGE',
    what: 'a passive port missing from the Service',
    object: 'Service/ftps',
    mutate: (o) => void (spec(must(o, 'Service', 'ftps')).ports = servicePorts(o, 'ftps').filter((p) => p.port !== 30003)),
  },
  {
    rule: 'K8S_PASSIVE_RANGE',
    what: 'a wider range in the ConfigMap than on the Service',
    object: 'Service/ftps',
    mutate: (o) => void ((must(o, 'ConfigMap', 'ft-config').data as Json).FTP_PASV_MAX_PORT = '30009'),
  },
  {
    rule: 'K8S_NODEPORT',
    what: 'a NodePort Service',
    object: 'Service/mysql',
    mutate: (o) => void (spec(must(o, 'Service', 'mysql')).type = 'NodePort'),
  },
  {
    rule: 'K8S_NODEPORT',
    what: 'a LoadBalancer that allocates node ports',
    object: 'Service/grafana',
    mutate: (o) => void delete spec(must(o, 'Service', 'grafana')).allocateLoadBalancerNodePorts,
  },
  {
    rule: 'K8S_NODEPORT',
    what: 'a hostPort',
    object: 'Deployment/phpmyadmin',
    mutate: (o) => void (((container(o, 'phpmyadmin').ports as Json[])[0] as Json).hostPort = 5000),
  },
  {
    rule: 'K8S_API_RULES',
    what: 'a container port name longer than 15 characters',
    object: 'Deployment/ftps',
    mutate: (o) => void (((container(o, 'ftps').ports as Json[])[1] as Json).name = 'passive-port-30000'),
  },
  {
    rule: 'K8S_API_RULES',
    what: 'a Service port without a name among several',
    object: 'Service/nginx',
    mutate: (o) => void delete (servicePorts(o, 'nginx')[1] as Json).name,
  },
  {
    rule: 'K8S_API_RULES',
    what: 'an upper-case name',
    object: 'ConfigMap/FT-config',
    mutate: (o) => void ((must(o, 'ConfigMap', 'ft-config').metadata as Json).name = 'FT-config'),
  },
  {
    rule: 'K8S_API_RULES',
    what: "a Deployment selector that misses its pods' labels",
    object: 'Deployment/grafana',
    mutate: (o) => void (spec(must(o, 'Deployment', 'grafana')).selector = { matchLabels: { app: 'graphana' } }),
  },
  {
    rule: 'K8S_REFERENCE',
    what: 'a ConfigMap key that does not exist',
    object: 'Deployment/wordpress',
    mutate: (o) =>
      void (container(o, 'wordpress').env as Json[]).push({ name: 'SITE', valueFrom: { configMapKeyRef: { name: 'ft-config', key: 'SITE_URL' } } }),
  },
  {
    rule: 'K8S_REFERENCE',
    what: 'envFrom a ConfigMap that does not exist',
    object: 'Deployment/nginx',
    mutate: (o) => void (container(o, 'nginx').envFrom = [{ configMapRef: { name: 'nginx-config' } }]),
  },
  {
    rule: 'K8S_INGRESS',
    what: 'an Ingress',
    object: 'Ingress/web',
    mutate: (o) =>
      void o.push({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'web', namespace: 'ft-services' },
        spec: { defaultBackend: { service: { name: 'nginx', port: { number: 80 } } } },
      }),
  },
  {
    rule: 'K8S_SERVICE_SELECTOR',
    what: 'a selector that matches no pod',
    object: 'Service/influxdb',
    mutate: (o) => void (spec(must(o, 'Service', 'influxdb')).selector = { app: 'influx' }),
  },
  {
    rule: 'K8S_SERVICE_SELECTOR',
    what: 'a named targetPort the container lacks',
    object: 'Service/mysql',
    mutate: (o) => void ((servicePorts(o, 'mysql')[0] as Json).targetPort = 'sql'),
  },
  { rule: 'K8S_METALLB', what: 'no IPAddressPool', object: 'IPAddressPool/-', mutate: (o) => without(o, 'IPAddressPool', 'ft-pool') },
  {
    rule: 'K8S_METALLB',
    what: 'a requested IP outside the pool',
    object: 'Service/nginx',
    mutate: (o) => {
      for (const name of ['nginx', 'wordpress', 'phpmyadmin', 'ftps', 'grafana']) {
        annotations(must(o, 'Service', name))['metallb.io/loadBalancerIPs'] = '10.0.0.1';
      }
    },
  },
  {
    rule: 'K8S_WORKLOAD',
    what: 'a container not named after its service',
    object: 'Deployment/wordpress',
    mutate: (o) => void (container(o, 'wordpress').name = 'wp'),
  },
  { rule: 'K8S_WORKLOAD', what: 'no workload for grafana', object: 'Deployment/grafana', mutate: (o) => without(o, 'Deployment', 'grafana') },
  {
    rule: 'K8S_PROBES',
    what: 'no readiness probe',
    object: 'Deployment/phpmyadmin',
    mutate: (o) => void delete container(o, 'phpmyadmin').readinessProbe,
  },
  {
    rule: 'K8S_PROBES',
    what: 'a liveness probe on the service port',
    object: 'Deployment/nginx',
    mutate: (o) => void (container(o, 'nginx').livenessProbe = { httpGet: { path: '/healthz', port: 80 } }),
  },
  {
    rule: 'K8S_PROBES',
    what: 'an exec probe',
    object: 'StatefulSet/influxdb',
    mutate: (o) => void (container(o, 'influxdb').livenessProbe = { exec: { command: ['pgrep', 'influxd'] } }),
  },
  {
    rule: 'K8S_PROBES',
    what: 'a sidecar without probes',
    object: 'Deployment/grafana',
    mutate: (o) =>
      void (podSpec(o, 'Deployment', 'grafana').containers as Json[]).push({
        name: 'sidecar',
        image: 'ft_services/grafana:latest',
        imagePullPolicy: 'Never',
      }),
  },
  {
    rule: 'K8S_IMAGE',
    what: 'a prebuilt image',
    object: 'Deployment/mysql',
    mutate: (o) => void (container(o, 'mysql').image = 'mariadb:11'),
  },
  {
    rule: 'K8S_IMAGE',
    what: 'an init container pulling busybox',
    object: 'Deployment/ftps',
    mutate: (o) => void (podSpec(o, 'Deployment', 'ftps').initContainers = [{ name: 'init', image: 'busybox:1.36', imagePullPolicy: 'Never' }]),
  },
  {
    rule: 'K8S_PULL_POLICY',
    what: 'IfNotPresent',
    object: 'Deployment/grafana',
    mutate: (o) => void (container(o, 'grafana').imagePullPolicy = 'IfNotPresent'),
  },
  {
    rule: 'K8S_PULL_POLICY',
    what: 'no pull policy (Always for :latest)',
    object: 'Deployment/nginx',
    mutate: (o) => void delete container(o, 'nginx').imagePullPolicy,
  },
  {
    rule: 'K8S_PVC',
    what: "mysql's data on an emptyDir",
    object: 'Deployment/mysql',
    mutate: (o) => void (podSpec(o, 'Deployment', 'mysql').volumes = [{ name: 'data', emptyDir: {} }]),
  },
  {
    rule: 'K8S_PVC',
    what: 'nothing mounted at the data directory',
    object: 'Deployment/ftps',
    mutate: (o) => void (container(o, 'ftps').volumeMounts = asRecords(container(o, 'ftps').volumeMounts).filter((m) => m.name !== 'data')),
  },
  {
    rule: 'K8S_PVC',
    what: 'a claim the rendering lacks',
    object: 'Deployment/mysql',
    mutate: (o) => without(o, 'PersistentVolumeClaim', 'mysql-data'),
  },
  {
    rule: 'K8S_PVC',
    what: 'a data directory moved away from the mount',
    object: 'StatefulSet/influxdb',
    mutate: (o) => void (container(o, 'influxdb').env as Json[]).push({ name: 'INFLUXDB_DATA_DIR', value: '/srv/influxdb' }),
  },
  {
    rule: 'K8S_PVC',
    what: "wordpress's uploads inside the container",
    object: 'Deployment/wordpress',
    mutate: (o) => void (container(o, 'wordpress').volumeMounts = asRecords(container(o, 'wordpress').volumeMounts).filter((m) => m.name !== 'uploads')),
  },
  {
    rule: 'K8S_PVC_STRATEGY',
    what: 'a rolling update of wordpress on its uploads claim',
    object: 'Deployment/wordpress',
    mutate: (o) => void delete spec(must(o, 'Deployment', 'wordpress')).strategy,
  },
  {
    rule: 'K8S_GRACEFUL_STOP',
    what: 'no preStop delay on wordpress',
    object: 'Deployment/wordpress',
    mutate: (o) => void delete container(o, 'wordpress').lifecycle,
  },
  {
    rule: 'K8S_GRACEFUL_STOP',
    what: 'a preStop hook that does not wait',
    object: 'Deployment/phpmyadmin',
    mutate: (o) => void (container(o, 'phpmyadmin').lifecycle = { preStop: { exec: { command: ['/bin/true'] } } }),
  },
  {
    rule: 'K8S_GRACEFUL_STOP',
    what: 'a grace period shorter than the delay plus the graceful stop',
    object: 'Deployment/wordpress',
    mutate: (o) => void (podSpec(o, 'Deployment', 'wordpress').terminationGracePeriodSeconds = 10),
  },
  {
    rule: 'K8S_PVC_STRATEGY',
    what: 'a rolling update on a ReadWriteOnce claim',
    object: 'Deployment/mysql',
    mutate: (o) => void delete spec(must(o, 'Deployment', 'mysql')).strategy,
  },
  {
    rule: 'K8S_SECRET_VALUE',
    what: 'a Secret with data',
    object: 'Secret/mysql-secrets',
    mutate: (o) =>
      void o.push({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'mysql-secrets', namespace: 'ft-services' },
        stringData: { MYSQL_ROOT_PASSWORD: 'hunter2' },
      }),
  },
  {
    rule: 'K8S_SECRET_VALUE',
    what: 'a literal password in env',
    object: 'Deployment/mysql',
    mutate: (o) => void (container(o, 'mysql').env as Json[]).push({ name: 'MYSQL_ROOT_PASSWORD', value: 'hunter2' }),
  },
  {
    rule: 'K8S_SECRET_VALUE',
    what: 'a salt in the ConfigMap',
    object: 'ConfigMap/ft-config',
    mutate: (o) => void ((must(o, 'ConfigMap', 'ft-config').data as Json).WORDPRESS_AUTH_SALT = 'abc'),
  },
  {
    rule: 'K8S_SECRET_VALUE',
    what: 'a private key in an annotation',
    object: 'Deployment/nginx',
    mutate: (o) =>
      void (annotations(must(o, 'Deployment', 'nginx')).note = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaA==\n-----END OPENSSH PRIVATE KEY-----'),
  },
  {
    rule: 'K8S_SECRET_VALUE',
    what: 'a base64 private key in a ConfigMap',
    object: 'ConfigMap/ft-config',
    mutate: (o) =>
      void ((must(o, 'ConfigMap', 'ft-config').data as Json).TLS = Buffer.from('-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n').toString(
        'base64',
      )),
  },
  {
    rule: 'K8S_SECRET_REF',
    what: 'a Secret setup.sh does not create',
    object: 'Deployment/grafana',
    mutate: (o) =>
      void (container(o, 'grafana').env as Json[]).push({
        name: 'GF_ADMIN_PASSWORD',
        valueFrom: { secretKeyRef: { name: 'grafana-admin', key: 'password' } },
      }),
  },
];

/**
 * Rules this fixture does not exercise: rendering (the fixture renders), K8S_CATALOGUE_ENV (the real
 * rendering against the catalogue: src/catalogue-env.test.ts), and K8S_SERVICE_ENV, which
 * judges env against the services' real schemas that this synthetic platform does not meet; it
 * passes and breaks on the real k8s/overlays/minikube instead (src/service-env.test.ts, with
 * K8S_SECRET_FILE; K8S_NETWORK_POLICY in src/network-policy.test.ts), as does
 * K8S_PRIVILEGES, which compares the real renderings with the repository's privileges file
 * (src/privileges.test.ts).
 */
const NOT_ON_FIXTURE = new Set<RuleId>(['K8S_RENDER', 'K8S_SERVICE_ENV', 'K8S_CATALOGUE_ENV', 'K8S_SECRET_FILE', 'K8S_PRIVILEGES', 'K8S_NETWORK_POLICY']);

describe('manifest rules', () => {
  it('pass on the valid fixture (every rule, all namespaces)', async () => {
    const violations = await checkRendering(await fixtureObjects(), { complete: true });
    expect(violations.filter((v) => !NOT_ON_FIXTURE.has(v.rule))).toEqual([]);
  });

  it('have a breaking case for every K8S_ rule but rendering, service env and privileges', () => {
    const covered = new Set(cases.map((c) => c.rule));
    const k8sRules = (Object.keys(RULES) as RuleId[]).filter((r) => r.startsWith('K8S_') && !NOT_ON_FIXTURE.has(r));
    expect(k8sRules.filter((r) => !covered.has(r))).toEqual([]);
  });

  it.each(cases)('$rule: $what', async ({ rule, object, mutate }) => {
    const objects = await fixtureObjects();
    const violations = await checkRendering(mutate(objects) ?? objects, { complete: true });
    expect(rules(violations)).toContain(rule);
    const [kind, name] = object.split('/');
    const named = violations.filter((v) => v.rule === rule && v.kind === kind && v.name.split(',').includes(name ?? ''));
    expect(named, JSON.stringify(violations, null, 1)).not.toHaveLength(0);
  });

  it('a base (incomplete rendering) is held to the partial rules only', async () => {
    const objects = (await fixtureObjects()).filter((o) => kindOf(o) !== 'Service');
    expect(await checkRendering(objects, { complete: false })).toEqual([]);
    expect(rules(await checkRendering(objects, { complete: true }))).toContain('K8S_SERVICE_MISSING');
  });
});
