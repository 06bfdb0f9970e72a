/**
 * K8S_NETWORK_POLICY: the namespace denies by default, and its NetworkPolicies allow exactly the
 * flows the platform uses: each connection a service's environment makes (service-flows.ts),
 * every load-balancer port from anywhere, DNS to kube-dns; and nothing else between the platform's
 * pods, from outside to a port no Service publishes, or from a pod to the outside or kube-system.
 */
import { violation, type Violation } from '../errors.js';
import { asRecords, get, kindOf, nameOf, namespaceOf, podLabelsOf, type K8sObject } from '../manifest.js';
import { connection, hasDefaultDeny, policiesOf, type Endpoint, type PodEndpoint, type Protocol } from '../network-policy.js';
import { NAMESPACE, type ServiceName } from '../platform.js';
import { containerPorts, serviceFlows, type Flow } from '../service-flows.js';
import { serviceWorkloads } from './workloads.js';

/** Stand-ins for what is not in the rendering: a client on the internet (TEST-NET-3), pod addresses. */
const OUTSIDE: Endpoint = { kind: 'ip', name: 'a client outside the cluster (203.0.113.10)', ip: '203.0.113.10' };
const POD_NET = '10.244.0.';
/** A port nothing listens on: a policy without `ports` would open it too. */
const STRAY_PORT = 12345;

function namespaceLabels(objects: K8sObject[], namespace: string): Record<string, string> {
  const ns = objects.find((o) => kindOf(o) === 'Namespace' && nameOf(o) === namespace);
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries((get(ns, 'metadata', 'labels') as Record<string, unknown> | undefined) ?? {})) if (typeof v === 'string') labels[k] = v;
  // Set by the API server on every namespace (Kubernetes 1.22+).
  return { ...labels, 'kubernetes.io/metadata.name': namespace };
}

function kubeSystemPod(name: string, app: string, ports: Array<[number, Protocol]>, n: number): PodEndpoint {
  return {
    kind: 'pod',
    name: `kube-system/${name}`,
    namespace: 'kube-system',
    namespaceLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
    labels: { 'k8s-app': app },
    ip: `10.244.1.${n}`,
    ports: ports.map(([port, protocol]) => ({ port, protocol })),
  };
}

const KUBE_DNS = kubeSystemPod(
  'coredns',
  'kube-dns',
  [
    [53, 'UDP'],
    [53, 'TCP'],
    [9153, 'TCP'],
  ],
  2,
);
const METRICS_SERVER = kubeSystemPod('metrics-server', 'metrics-server', [[443, 'TCP']], 3);

function blockedBy(v: { egress: boolean; ingress: boolean }, from: string, to: string): string {
  return [v.egress ? '' : `no policy allows ${from}'s egress to it`, v.ingress ? '' : `no policy allows ${to}'s ingress from ${from}`]
    .filter(Boolean)
    .join('; ');
}

export function checkNetworkPolicies(objects: K8sObject[]): Violation[] {
  const out: Violation[] = [];
  const policies = policiesOf(objects);
  if (!hasDefaultDeny(policies, NAMESPACE)) {
    out.push(
      violation(
        'K8S_NETWORK_POLICY',
        'Namespace',
        NAMESPACE,
        'no default deny: a NetworkPolicy with podSelector {} and policyTypes Ingress and Egress, so that every pod takes only what is allowed',
      ),
    );
  }
  const nsLabels = namespaceLabels(objects, NAMESPACE);
  const pods = new Map<ServiceName, PodEndpoint>();
  serviceWorkloads(objects).forEach(({ service, workload }, i) => {
    pods.set(service, {
      kind: 'pod',
      name: service,
      namespace: namespaceOf(workload) ?? NAMESPACE,
      namespaceLabels: nsLabels,
      labels: podLabelsOf(workload),
      ip: `${POD_NET}${10 + i}`,
      ports: containerPorts(objects, service),
    });
  });

  const { flows, problems } = serviceFlows(objects);
  for (const p of problems) out.push(violation('K8S_NETWORK_POLICY', 'Flow', p.service, p.message));
  const used = new Map<string, Flow>(flows.map((f) => [`${f.from}>${f.to}:${f.port}`, f]));

  // Every flow a service uses is allowed...
  for (const f of used.values()) {
    const from = pods.get(f.from);
    const to = pods.get(f.to);
    if (!from || !to) continue;
    const v = connection(policies, from, to, f.port);
    if (!v.egress || !v.ingress)
      out.push(
        violation('K8S_NETWORK_POLICY', 'Flow', `${f.from}->${f.to}:${f.port}`, `used by ${f.from} (${f.via}) but blocked: ${blockedBy(v, f.from, f.to)}`),
      );
  }
  // ...and nothing else between the platform's pods, on any port they have or a stray one.
  for (const from of pods.values()) {
    for (const to of pods.values()) {
      if (to === from) continue;
      const ports = new Set([...to.ports.filter((p) => p.protocol === 'TCP').map((p) => p.port), STRAY_PORT]);
      for (const port of ports) {
        const v = connection(policies, from, to, port);
        if (v.egress && v.ingress && !used.has(`${from.name}>${to.name}:${port}`)) {
          out.push(violation('K8S_NETWORK_POLICY', 'Flow', `${from.name}->${to.name}:${port}`, `allowed, but no setting of ${from.name} connects there`));
        }
      }
    }
  }

  // The load balancer's ports from anywhere, and no other port of a pod.
  const published = new Map<ServiceName, Set<number>>();
  for (const s of objects.filter((o) => kindOf(o) === 'Service' && get(o, 'spec', 'type') === 'LoadBalancer' && namespaceOf(o) === NAMESPACE)) {
    const name = nameOf(s) as ServiceName;
    const targets = asRecords(get(s, 'spec', 'ports')).map((p) =>
      typeof p.targetPort === 'number' ? p.targetPort : (pods.get(name)?.ports.find((c) => c.name === p.targetPort)?.port ?? p.port),
    );
    published.set(name, new Set(targets.filter((t): t is number => typeof t === 'number')));
  }
  for (const to of pods.values()) {
    const open = published.get(to.name as ServiceName) ?? new Set<number>();
    for (const port of open) {
      const v = connection(policies, OUTSIDE, to, port);
      if (!v.ingress)
        out.push(violation('K8S_NETWORK_POLICY', 'Flow', `outside->${to.name}:${port}`, `a load-balancer port, but ${blockedBy(v, 'outside', to.name)}`));
    }
    for (const port of new Set([...to.ports.map((p) => p.port), STRAY_PORT])) {
      if (open.has(port)) continue;
      if (connection(policies, OUTSIDE, to, port).ingress) {
        out.push(
          violation('K8S_NETWORK_POLICY', 'Flow', `outside->${to.name}:${port}`, `allowed from ${OUTSIDE.name}, but no LoadBalancer Service publishes it`),
        );
      }
    }
    // DNS, and no other way out.
    for (const protocol of ['UDP', 'TCP'] as const) {
      const v = connection(policies, to, KUBE_DNS, 53, protocol);
      if (!v.egress)
        out.push(violation('K8S_NETWORK_POLICY', 'Flow', `${to.name}->kube-dns:53/${protocol}`, `blocked: ${to.name} cannot resolve Service names`));
    }
    const elsewhere: Array<[Endpoint, number]> = [
      [KUBE_DNS, 9153],
      [METRICS_SERVER, 443],
      [OUTSIDE, 443],
      [OUTSIDE, 80],
      [OUTSIDE, STRAY_PORT],
    ];
    for (const [dest, port] of elsewhere) {
      if (connection(policies, to, dest, port).egress)
        out.push(
          violation(
            'K8S_NETWORK_POLICY',
            'Flow',
            `${to.name}->${dest.kind === 'pod' ? dest.name : 'outside'}:${port}`,
            `${to.name}'s egress to ${dest.name} is allowed, but the platform never connects there`,
          ),
        );
    }
  }
  return out;
}
