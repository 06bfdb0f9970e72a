// K8S_NETWORK_POLICY on the real k8s/overlays/minikube: the flows read from the services' env, the
// policies passing, then each case breaks a copy the way an edit of k8s/base/network-policies.yaml
// (or of a service's env) would, and expects the line that names it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { container, must, REPO_ROOT } from '../test/support.js';
import { formatViolation } from './errors.js';
import { asRecord, asRecords, kindOf, nameOf, type Json, type K8sObject } from './manifest.js';
import { connection, inCidr, policiesOf, selectorMatches, type PodEndpoint } from './network-policy.js';
import { renderKustomization } from './render.js';
import { checkNetworkPolicies } from './rules/network-policy.js';
import { serviceFlows } from './service-flows.js';

let rendered: Promise<K8sObject[]> | undefined;
async function minikube(): Promise<K8sObject[]> {
  rendered ??= renderKustomization(join(REPO_ROOT, 'k8s/overlays/minikube'));
  return structuredClone(await rendered);
}

const policy = (o: K8sObject[], name: string): Json => must(o, 'NetworkPolicy', name);
const spec = (o: K8sObject[], name: string): Json => asRecord(policy(o, name).spec) ?? {};
const without = (o: K8sObject[], name: string): K8sObject[] => o.filter((x) => !(kindOf(x) === 'NetworkPolicy' && nameOf(x) === name));

interface Case {
  what: string;
  /** A line the run must print (whole, or up to a ':' that starts its explanation). */
  expected: string;
  mutate: (objects: K8sObject[]) => K8sObject[] | void;
}

const cases: Case[] = [
  {
    what: 'no default deny',
    expected: 'K8S_NETWORK_POLICY Namespace/ft-services: no default deny',
    mutate: (o) => without(o, 'default-deny'),
  },
  {
    what: 'mysql closed to WordPress',
    expected:
      "K8S_NETWORK_POLICY Flow/wordpress->mysql:3306: used by wordpress (MYSQL_HOST=mysql MYSQL_PORT=3306) but blocked: no policy allows mysql's ingress from wordpress",
    mutate: (o) =>
      void ((asRecords(asRecords(spec(o, 'mysql').ingress)[0]?.from)[0]?.podSelector as Json).matchExpressions = [
        { key: 'app.kubernetes.io/name', operator: 'In', values: ['phpmyadmin'] },
      ]),
  },
  {
    what: "nginx's proxy to phpMyAdmin not allowed out",
    expected:
      "K8S_NETWORK_POLICY Flow/nginx->phpmyadmin:5000: used by nginx (PHPMYADMIN_UPSTREAM=https://phpmyadmin:5000) but blocked: no policy allows nginx's egress to it",
    mutate: (o) => void delete spec(o, 'nginx').egress,
  },
  {
    what: 'an agent that cannot reach InfluxDB',
    expected:
      "K8S_NETWORK_POLICY Flow/ftps->influxdb:8086: used by ftps (AGENT_INFLUX_URL=http://influxdb:8086) but blocked: no policy allows ftps's egress to it; no policy allows influxdb's ingress from ftps",
    mutate: (o) => {
      for (const name of ['metrics-to-influxdb']) {
        const expr = asRecords((spec(o, name).podSelector as Json).matchExpressions)[0] as Json;
        expr.values = (expr.values as string[]).filter((v) => v !== 'ftps');
      }
      const from = asRecords(asRecords(spec(o, 'influxdb').ingress)[0]?.from)[0]?.podSelector as Json;
      const expr = asRecords(from.matchExpressions)[0] as Json;
      expr.values = (expr.values as string[]).filter((v) => v !== 'ftps');
    },
  },
  {
    what: 'DNS blocked',
    expected: 'K8S_NETWORK_POLICY Flow/grafana->kube-dns:53/UDP: blocked: grafana cannot resolve Service names',
    mutate: (o) => without(o, 'dns'),
  },
  {
    what: 'a load-balancer port closed',
    expected: "K8S_NETWORK_POLICY Flow/outside->ftps:30003: a load-balancer port, but no policy allows ftps's ingress from outside",
    mutate: (o) => void ((asRecords(asRecords(spec(o, 'ftps').ingress)[0]?.ports)[1] as Json).endPort = 30002),
  },
  {
    what: 'MySQL open to everyone (a rule without from)',
    expected: 'K8S_NETWORK_POLICY Flow/outside->mysql:3306: allowed from a client outside the cluster (203.0.113.10), but no LoadBalancer Service publishes it',
    mutate: (o) => void delete (asRecords(spec(o, 'mysql').ingress)[0] as Json).from,
  },
  {
    what: 'a public policy without ports (the agent port opens too)',
    expected:
      'K8S_NETWORK_POLICY Flow/outside->grafana:9180: allowed from a client outside the cluster (203.0.113.10), but no LoadBalancer Service publishes it',
    mutate: (o) => void delete (asRecords(spec(o, 'grafana').ingress)[0] as Json).ports,
  },
  {
    what: "InfluxDB's pod open on every port to the agents (the SSH shell reaches InfluxDB's agent)",
    expected: 'K8S_NETWORK_POLICY Flow/nginx->influxdb:9180: allowed, but no setting of nginx connects there',
    mutate: (o) => {
      delete (asRecords(spec(o, 'metrics-to-influxdb').egress)[0] as Json).ports;
      delete (asRecords(spec(o, 'influxdb').ingress)[0] as Json).ports;
    },
  },
  {
    what: 'a pod allowed out to the internet',
    expected:
      "K8S_NETWORK_POLICY Flow/phpmyadmin->outside:443: phpmyadmin's egress to a client outside the cluster (203.0.113.10) is allowed, but the platform never connects there",
    mutate: (o) => void (spec(o, 'phpmyadmin').egress as Json[]).push({ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] }),
  },
  {
    what: 'DNS open to all of kube-system',
    expected:
      "K8S_NETWORK_POLICY Flow/mysql->kube-system/metrics-server:443: mysql's egress to kube-system/metrics-server is allowed, but the platform never connects there",
    mutate: (o) => {
      const rule = asRecords(spec(o, 'dns').egress)[0] as Json;
      delete rule.ports;
      delete (asRecords(rule.to)[0] as Json).podSelector;
    },
  },
  {
    what: 'a connection to a port no Service has',
    expected:
      'K8S_NETWORK_POLICY Flow/nginx: PHPMYADMIN_UPSTREAM=https://phpmyadmin:5001: phpmyadmin:5001 is no Service port of the rendering, so no policy can allow it',
    mutate: (o) => {
      const entry = asRecords(container(o, 'nginx').env).find((e) => e.name === 'PHPMYADMIN_UPSTREAM') as Json;
      entry.value = 'https://phpmyadmin:5001';
    },
  },
];

describe('K8S_NETWORK_POLICY', () => {
  it('reads every connection the services make from their env', async () => {
    const { flows, problems } = serviceFlows(await minikube());
    expect(problems).toEqual([]);
    const lines = [...new Set(flows.map((f) => `${f.from} -> ${f.to}:${f.port}`))].sort();
    expect(lines).toEqual(
      [
        ...['nginx', 'wordpress', 'phpmyadmin', 'mysql', 'ftps', 'influxdb', 'grafana'].map((s) => `${s} -> influxdb:8086`),
        'nginx -> phpmyadmin:5000',
        'phpmyadmin -> mysql:3306',
        'wordpress -> mysql:3306',
        // Its own site URL, through the load balancer's address.
        'wordpress -> wordpress:5050',
      ].sort(),
    );
  });

  it('passes on the real k8s/overlays/minikube', async () => {
    expect(checkNetworkPolicies(await minikube()).map(formatViolation)).toEqual([]);
  });

  it.each(cases)('fails on $what', async ({ expected, mutate }) => {
    const objects = await minikube();
    const lines = checkNetworkPolicies(mutate(objects) ?? objects).map(formatViolation);
    expect(
      lines.some((l) => l === expected || l.startsWith(`${expected}:`)),
      lines.join('\n'),
    ).toBe(true);
  });
});

describe('the policy semantics', () => {
  const pod = (name: string, labels: Record<string, string>, ip: string, ports: PodEndpoint['ports'] = []): PodEndpoint => ({
    kind: 'pod',
    name,
    namespace: 'ns',
    namespaceLabels: { 'kubernetes.io/metadata.name': 'ns' },
    labels,
    ip,
    ports,
  });

  it('matches selectors, CIDRs with exceptions, port ranges and named ports', () => {
    expect(selectorMatches({ matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['x'] }] }, { a: 'y' })).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }] }, { a: 'y' })).toBe(false);
    expect(inCidr('10.244.3.4', '10.244.0.0/16')).toBe(true);
    expect(inCidr('10.245.0.1', '10.244.0.0/16')).toBe(false);
    const db = pod('db', { app: 'db' }, '10.244.0.2', [{ name: 'sql', port: 3306, protocol: 'TCP' }]);
    const web = pod('web', { app: 'web' }, '10.244.0.3');
    const policies = policiesOf([
      {
        kind: 'NetworkPolicy',
        metadata: { name: 'db', namespace: 'ns' },
        spec: {
          podSelector: { matchLabels: { app: 'db' } },
          ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 'sql' }, { port: 7000, endPort: 7002 }] }],
        },
      },
      {
        kind: 'NetworkPolicy',
        metadata: { name: 'web', namespace: 'ns' },
        spec: {
          podSelector: { matchLabels: { app: 'web' } },
          policyTypes: ['Egress'],
          egress: [{ to: [{ ipBlock: { cidr: '10.244.0.0/16', except: ['10.244.0.3/32'] } }] }],
        },
      },
    ]);
    expect(connection(policies, web, db, 3306)).toEqual({ egress: true, ingress: true });
    expect(connection(policies, web, db, 7002)).toEqual({ egress: true, ingress: true });
    expect(connection(policies, web, db, 7003).ingress).toBe(false);
    expect(connection(policies, web, db, 3306, 'UDP').ingress).toBe(false);
    // policyTypes left out with only ingress rules: egress of db is not isolated.
    expect(connection(policies, db, web, 80).egress).toBe(true);
    expect(connection(policies, web, { kind: 'ip', name: 'x', ip: '8.8.8.8' }, 53).egress).toBe(false);
    // A pod is never blocked from itself.
    expect(connection(policies, web, web, 1)).toEqual({ egress: true, ingress: true });
  });
});
