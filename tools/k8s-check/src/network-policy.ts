/**
 * What the NetworkPolicies of a rendering allow, by the semantics of networking.k8s.io/v1
 * (https://kubernetes.io/docs/concepts/services-networking/network-policies/): a pod selected by a
 * policy of a direction is isolated in that direction and takes only what some policy of its
 * namespace allows; a connection needs the source's egress and the destination's ingress. Traffic
 * from and to the pod's own node is always allowed and not modelled here.
 */
import { asArray, asRecord, asRecords, asString, get, kindOf, nameOf, namespaceOf, type Json, type K8sObject } from './manifest.js';

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface PodEndpoint {
  kind: 'pod';
  /** For messages: the service, or e.g. `kube-system/kube-dns`. */
  name: string;
  namespace: string;
  namespaceLabels: Record<string, string>;
  labels: Record<string, string>;
  ip: string;
  ports: Array<{ name?: string; port: number; protocol: Protocol }>;
}

export interface IpEndpoint {
  kind: 'ip';
  name: string;
  ip: string;
}

export type Endpoint = PodEndpoint | IpEndpoint;

interface Policy {
  name: string;
  namespace: string | undefined;
  podSelector: unknown;
  types: Set<'Ingress' | 'Egress'>;
  ingress: Json[];
  egress: Json[];
}

export function policiesOf(objects: K8sObject[]): Policy[] {
  return objects
    .filter((o) => kindOf(o) === 'NetworkPolicy')
    .map((o) => {
      const spec = asRecord(o.spec) ?? {};
      const egress = asRecords(spec.egress);
      const declared = asArray(spec.policyTypes).filter((t): t is 'Ingress' | 'Egress' => t === 'Ingress' || t === 'Egress');
      // policyTypes left out: Ingress always, Egress when the policy has egress rules.
      const types = new Set(declared.length > 0 ? declared : (['Ingress', ...(egress.length > 0 ? ['Egress' as const] : [])] as Array<'Ingress' | 'Egress'>));
      return { name: nameOf(o), namespace: namespaceOf(o), podSelector: spec.podSelector, types, ingress: asRecords(spec.ingress), egress };
    });
}

/** A LabelSelector: `{}` selects everything; matchLabels and matchExpressions must all hold. */
export function selectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  const sel = asRecord(selector) ?? {};
  for (const [key, value] of Object.entries(asRecord(sel.matchLabels) ?? {})) if (labels[key] !== value) return false;
  for (const expr of asRecords(sel.matchExpressions)) {
    const key = asString(expr.key) ?? '';
    const values = asArray(expr.values).filter((v): v is string => typeof v === 'string');
    const has = Object.hasOwn(labels, key);
    switch (expr.operator) {
      case 'In':
        if (!has || !values.includes(labels[key] as string)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[key] as string)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

function ipNumber(ip: string): number | undefined {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + p, 0);
}

export function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText ?? '32');
  const a = ipNumber(ip);
  const b = ipNumber(base ?? '');
  if (a === undefined || b === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(a / size) === Math.floor(b / size);
}

function peerMatches(peer: Json, policyNamespace: string | undefined, other: Endpoint): boolean {
  const block = asRecord(peer.ipBlock);
  if (block) {
    const cidr = asString(block.cidr) ?? '';
    return inCidr(other.ip, cidr) && !asArray(block.except).some((e) => typeof e === 'string' && inCidr(other.ip, e));
  }
  if (other.kind !== 'pod') return false;
  const nsSelector = peer.namespaceSelector;
  const podSelector = peer.podSelector;
  if (nsSelector === undefined && podSelector === undefined) return false;
  const nsOk = nsSelector === undefined ? other.namespace === policyNamespace : selectorMatches(nsSelector, other.namespaceLabels);
  return nsOk && (podSelector === undefined || selectorMatches(podSelector, other.labels));
}

/** Whether a rule's `ports` take `port`/`protocol` on `destination` (named ports are its container's). */
function portMatches(ports: unknown, destination: Endpoint, port: number, protocol: Protocol): boolean {
  const list = asRecords(ports);
  if (list.length === 0) return true;
  return list.some((p) => {
    if ((asString(p.protocol) ?? 'TCP') !== protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'number') {
      const end = typeof p.endPort === 'number' ? p.endPort : p.port;
      return port >= p.port && port <= end;
    }
    const name = asString(p.port);
    return destination.kind === 'pod' && destination.ports.some((c) => c.name === name && c.port === port && c.protocol === protocol);
  });
}

function selecting(policies: Policy[], pod: PodEndpoint, type: 'Ingress' | 'Egress'): Policy[] {
  return policies.filter((p) => p.namespace === pod.namespace && p.types.has(type) && selectorMatches(p.podSelector, pod.labels));
}

export interface Verdict {
  egress: boolean;
  ingress: boolean;
}

/** What the policies say about a connection from `from` to `to`'s `port`. */
export function connection(policies: Policy[], from: Endpoint, to: Endpoint, port: number, protocol: Protocol = 'TCP'): Verdict {
  // "A pod cannot block access to itself" (the documented exception), e.g. through its own Service.
  if (from.kind === 'pod' && to.kind === 'pod' && from.ip === to.ip) return { egress: true, ingress: true };
  let egress = true;
  if (from.kind === 'pod') {
    const own = selecting(policies, from, 'Egress');
    egress =
      own.length === 0 ||
      own.some((p) =>
        p.egress.some((rule) => {
          const peers = asRecords(rule.to);
          return (
            (get(rule, 'to') === undefined || peers.length === 0 || peers.some((peer) => peerMatches(peer, p.namespace, to))) &&
            portMatches(rule.ports, to, port, protocol)
          );
        }),
      );
  }
  let ingress = true;
  if (to.kind === 'pod') {
    const own = selecting(policies, to, 'Ingress');
    ingress =
      own.length === 0 ||
      own.some((p) =>
        p.ingress.some((rule) => {
          const peers = asRecords(rule.from);
          return (
            (get(rule, 'from') === undefined || peers.length === 0 || peers.some((peer) => peerMatches(peer, p.namespace, from))) &&
            portMatches(rule.ports, to, port, protocol)
          );
        }),
      );
  }
  return { egress, ingress };
}

/** The namespace-wide default deny: a policy of the namespace selecting every pod, isolating both directions. */
export function hasDefaultDeny(policies: Policy[], namespace: string): boolean {
  const types = new Set<string>();
  for (const p of policies) {
    const sel = asRecord(p.podSelector) ?? {};
    const selectsAll = Object.keys(asRecord(sel.matchLabels) ?? {}).length === 0 && asRecords(sel.matchExpressions).length === 0;
    if (p.namespace === namespace && selectsAll) for (const t of p.types) types.add(t);
  }
  return types.has('Ingress') && types.has('Egress');
}
