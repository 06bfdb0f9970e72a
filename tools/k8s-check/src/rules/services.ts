/**
 * SPEC.md's network rules: Service types, ports, one shared MetalLB IP, the complete passive
 * range, no NodePort and no Ingress; plus what makes a Service reach its pods at all.
 */
import { containerEnv, envNumber } from '../env.js';
import { violation, type Violation } from '../errors.js';
import {
  annotationsOf,
  asArray,
  asRecord,
  asRecords,
  asString,
  get,
  kindOf,
  nameOf,
  namespaceOf,
  podLabelsOf,
  podSpecOf,
  shown,
  type Json,
  type K8sObject,
} from '../manifest.js';
import { FTP_PASSIVE_DEFAULT, NAMESPACE, REQUESTED_IP_ANNOTATION, SERVICES, SERVICE_NAMES, SHARED_IP_ANNOTATION, type ServiceName } from '../platform.js';
import { serviceWorkloads } from './workloads.js';

/** Kinds without a namespace: everything else must name one, or it lands in the current context's. */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
  'RuntimeClass',
  'APIService',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'CSIDriver',
]);

export function checkNamespaces(objects: K8sObject[]): Violation[] {
  const out: Violation[] = [];
  if (!objects.some((o) => kindOf(o) === 'Namespace' && nameOf(o) === NAMESPACE)) {
    out.push(violation('K8S_NAMESPACE', 'Namespace', NAMESPACE, 'the rendering does not create the namespace'));
  }
  for (const obj of objects) {
    if (!CLUSTER_SCOPED.has(kindOf(obj)) && namespaceOf(obj) === undefined) {
      out.push(violation('K8S_NAMESPACE', kindOf(obj), nameOf(obj), 'has no metadata.namespace'));
    }
  }
  return out;
}

function serviceObject(objects: K8sObject[], name: string): K8sObject | undefined {
  return objects.find((o) => kindOf(o) === 'Service' && nameOf(o) === name && namespaceOf(o) === NAMESPACE);
}

function portsOf(svc: K8sObject): Json[] {
  return asRecords(get(svc, 'spec', 'ports'));
}

function portNumber(port: Json): number | undefined {
  return typeof port.port === 'number' ? port.port : undefined;
}

/** ftps's passive range as its container is told it (ConfigMap or literal env), else the image default. */
function passiveRange(objects: K8sObject[]): { min: number; max: number } | string {
  const ftps = serviceWorkloads(objects).find((w) => w.service === 'ftps');
  if (!ftps?.container) return FTP_PASSIVE_DEFAULT;
  const env = containerEnv(ftps.container, objects, namespaceOf(ftps.workload));
  const min = envNumber(env, 'FTP_PASV_MIN_PORT', FTP_PASSIVE_DEFAULT.min);
  const max = envNumber(env, 'FTP_PASV_MAX_PORT', FTP_PASSIVE_DEFAULT.max);
  if (min === undefined || max === undefined) return 'FTP_PASV_MIN_PORT/FTP_PASV_MAX_PORT have no value the manifests tell';
  if (min > max || max - min > 100) return `passive range ${min}-${max} is not a small range`;
  return { min, max };
}

export function expectedPorts(objects: K8sObject[], service: ServiceName): number[] {
  const ports = [...SERVICES[service].ports];
  if (service === 'ftps') {
    const range = passiveRange(objects);
    if (typeof range !== 'string') for (let p = range.min; p <= range.max; p++) ports.push(p);
  }
  return ports;
}

/** The container port number a Service port reaches: a number, a named container port, or `port` itself. */
function targetPortNumber(port: Json, container: Json | undefined): number | string | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  if (typeof target === 'string') {
    const named = asRecords(container?.ports).find((p) => p.name === target);
    return typeof named?.containerPort === 'number' ? named.containerPort : `named port "${target}" is not declared by the container`;
  }
  return undefined;
}

export function checkServices(objects: K8sObject[]): Violation[] {
  const out: Violation[] = [];
  const workloads = serviceWorkloads(objects);
  const lbPorts = new Map<number, string>();
  for (const service of SERVICE_NAMES) {
    const svc = serviceObject(objects, service);
    if (!svc) {
      out.push(violation('K8S_SERVICE_MISSING', 'Service', service, `no Service ${service} in namespace ${NAMESPACE}`));
      continue;
    }
    const facts = SERVICES[service];
    const type = asString(get(svc, 'spec', 'type')) ?? 'ClusterIP';
    if (type !== facts.type) {
      out.push(violation('K8S_SERVICE_TYPE', 'Service', service, `type is ${type}; SPEC.md wants ${facts.type}`));
    }
    const expected = expectedPorts(objects, service);
    const declared = portsOf(svc).map(portNumber);
    const declaredSet = new Set(declared);
    const missing = expected.filter((p) => !declaredSet.has(p));
    const extra = declared.filter((p): p is number => p !== undefined && !expected.includes(p));
    if (service === 'ftps') {
      const range = passiveRange(objects);
      if (typeof range === 'string') out.push(violation('K8S_PASSIVE_RANGE', 'Service', service, range));
      const passiveMissing = missing.filter((p) => p !== 21);
      if (passiveMissing.length > 0) {
        out.push(violation('K8S_PASSIVE_RANGE', 'Service', service, `passive port(s) ${passiveMissing.join(', ')} of the container's range are not listed`));
      }
    }
    const otherMissing = service === 'ftps' ? missing.filter((p) => p === 21) : missing;
    if (otherMissing.length > 0 || extra.length > 0) {
      const parts = [];
      if (otherMissing.length > 0) parts.push(`missing ${otherMissing.join(', ')}`);
      if (extra.length > 0) parts.push(`not in SPEC.md: ${extra.join(', ')}`);
      out.push(violation('K8S_SERVICE_PORTS', 'Service', service, `ports ${parts.join('; ')} (want ${expected.join(', ')})`));
    }
    if (new Set(declared).size !== declared.length) {
      out.push(violation('K8S_SERVICE_PORTS', 'Service', service, 'a port is listed twice'));
    }
    const workload = workloads.find((w) => w.service === service);
    for (const port of portsOf(svc)) {
      const number = portNumber(port);
      if (number === undefined) continue;
      const target = targetPortNumber(port, workload?.container);
      if (typeof target === 'string') out.push(violation('K8S_SERVICE_SELECTOR', 'Service', service, `port ${number}: ${target}`));
      else if (target !== number) {
        out.push(violation('K8S_SERVICE_PORTS', 'Service', service, `port ${number} targets container port ${String(target)}; the image listens on ${number}`));
      }
      if (type === 'LoadBalancer') {
        const owner = lbPorts.get(number);
        if (owner && owner !== service) {
          out.push(violation('K8S_PORT_CONFLICT', 'Service', service, `port ${number} is also on Service ${owner}, and they share one IP`));
        }
        lbPorts.set(number, service);
      }
    }
    out.push(...checkSelector(svc, service, workload?.workload));
  }
  return out;
}

function checkSelector(svc: K8sObject, service: string, workload: K8sObject | undefined): Violation[] {
  const selector = asRecord(get(svc, 'spec', 'selector'));
  if (!selector || Object.keys(selector).length === 0) {
    return [violation('K8S_SERVICE_SELECTOR', 'Service', service, 'has no selector')];
  }
  if (!workload) return [];
  const labels = podLabelsOf(workload);
  const unmatched = Object.entries(selector).filter(([k, v]) => labels[k] !== v);
  return unmatched.length === 0
    ? []
    : [
        violation(
          'K8S_SERVICE_SELECTOR',
          'Service',
          service,
          `selector ${unmatched.map(([k, v]) => `${k}=${String(v)}`).join(',')} does not match the pods of ${kindOf(workload)} ${service}`,
        ),
      ];
}

export function checkSharedIp(objects: K8sObject[]): Violation[] {
  const out: Violation[] = [];
  const lbs = objects.filter((o) => kindOf(o) === 'Service' && get(o, 'spec', 'type') === 'LoadBalancer');
  const keys = new Set<string>();
  const ips = new Set<string>();
  for (const svc of lbs) {
    const annotations = annotationsOf(svc);
    const key = annotations[SHARED_IP_ANNOTATION];
    const ip = annotations[REQUESTED_IP_ANNOTATION];
    if (!key) out.push(violation('K8S_SHARED_IP', 'Service', nameOf(svc), `no ${SHARED_IP_ANNOTATION} annotation`));
    else keys.add(key);
    if (!ip) out.push(violation('K8S_SHARED_IP', 'Service', nameOf(svc), `no ${REQUESTED_IP_ANNOTATION} annotation`));
    else ips.add(ip);
    const legacy = asString(get(svc, 'spec', 'loadBalancerIP'));
    if (legacy && legacy !== ip) {
      out.push(violation('K8S_SHARED_IP', 'Service', nameOf(svc), `spec.loadBalancerIP ${legacy} differs from the requested IP`));
    }
    if (get(svc, 'spec', 'externalTrafficPolicy') === 'Local') {
      out.push(
        violation(
          'K8S_SHARED_IP',
          'Service',
          nameOf(svc),
          'externalTrafficPolicy Local: MetalLB shares an IP only between Services with different pods when it is Cluster',
        ),
      );
    }
    if (asArray(get(svc, 'spec', 'externalIPs')).length > 0) {
      out.push(violation('K8S_SHARED_IP', 'Service', nameOf(svc), 'spec.externalIPs bypasses MetalLB'));
    }
  }
  if (keys.size > 1) {
    out.push(violation('K8S_SHARED_IP', 'Service', lbs.map(nameOf).join(','), `different ${SHARED_IP_ANNOTATION} values: ${[...keys].join(', ')}`));
  }
  if (ips.size > 1) {
    out.push(violation('K8S_SHARED_IP', 'Service', lbs.map(nameOf).join(','), `different requested IPs: ${[...ips].join(', ')}`));
  }
  return out;
}

export function checkNoNodePort(objects: K8sObject[]): Violation[] {
  const out: Violation[] = [];
  for (const obj of objects) {
    // A pod on the node's network or ports is an entry point around MetalLB (add-ons such as
    // MetalLB's speaker need it, and live in their own namespaces).
    const podSpec = podSpecOf(obj);
    if (podSpec && namespaceOf(obj) === NAMESPACE) {
      if (podSpec.hostNetwork === true) out.push(violation('K8S_NODEPORT', kindOf(obj), nameOf(obj), 'hostNetwork: true'));
      for (const c of [...asRecords(podSpec.containers), ...asRecords(podSpec.initContainers)]) {
        for (const port of asRecords(c.ports)) {
          if (port.hostPort !== undefined) {
            out.push(
              violation(
                'K8S_NODEPORT',
                kindOf(obj),
                nameOf(obj),
                `container ${String(c.name)} port ${String(port.containerPort)} sets hostPort ${shown(port.hostPort)}`,
              ),
            );
          }
        }
      }
    }
    if (kindOf(obj) === 'Ingress') {
      out.push(violation('K8S_INGRESS', 'Ingress', nameOf(obj), 'an Ingress is an entry point besides MetalLB'));
    }
    if (kindOf(obj) !== 'Service') continue;
    const type = get(obj, 'spec', 'type');
    if (type === 'NodePort') out.push(violation('K8S_NODEPORT', 'Service', nameOf(obj), 'type NodePort'));
    for (const port of portsOf(obj)) {
      if (port.nodePort !== undefined) {
        out.push(violation('K8S_NODEPORT', 'Service', nameOf(obj), `port ${String(port.port)} sets nodePort ${shown(port.nodePort)}`));
      }
    }
    if (type === 'LoadBalancer' && get(obj, 'spec', 'allocateLoadBalancerNodePorts') !== false) {
      out.push(violation('K8S_NODEPORT', 'Service', nameOf(obj), 'allocateLoadBalancerNodePorts is not false: every port would also open on each node'));
    }
  }
  return out;
}

/** `a.b.c.d` -> number, for pool containment. */
function ipv4(text: string): number | undefined {
  const parts = text.trim().split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

/** A pool entry (`a.b.c.d/n` or `a.b.c.d-e.f.g.h`) as an inclusive range, when it is literal IPv4. */
function poolRange(entry: string): [number, number] | undefined {
  const cidr = /^([\d.]+)\/(\d+)$/.exec(entry.trim());
  if (cidr) {
    const base = ipv4(cidr[1] ?? '');
    const bits = Number(cidr[2]);
    if (base === undefined || bits > 32) return undefined;
    const size = 2 ** (32 - bits);
    const start = Math.floor(base / size) * size;
    return [start, start + size - 1];
  }
  const [from, to] = entry.split('-').map((s) => ipv4(s));
  return from !== undefined && to !== undefined ? [from, to] : undefined;
}

export function checkMetallb(objects: K8sObject[]): Violation[] {
  const out: Violation[] = [];
  const pools = objects.filter((o) => kindOf(o) === 'IPAddressPool');
  const ads = objects.filter((o) => kindOf(o) === 'L2Advertisement');
  if (pools.length === 0) out.push(violation('K8S_METALLB', 'IPAddressPool', '-', 'the rendering has no MetalLB IPAddressPool'));
  if (ads.length === 0) out.push(violation('K8S_METALLB', 'L2Advertisement', '-', 'the rendering has no MetalLB L2Advertisement'));
  const poolNames = new Set(pools.map(nameOf));
  for (const ad of ads) {
    for (const name of asArray(get(ad, 'spec', 'ipAddressPools'))) {
      if (typeof name === 'string' && !poolNames.has(name)) {
        out.push(violation('K8S_METALLB', 'L2Advertisement', nameOf(ad), `announces pool ${name}, which the rendering lacks`));
      }
    }
  }
  // The requested IP must be one MetalLB may hand out, when both are written as literal addresses.
  const ranges = pools.flatMap((p) => asArray(get(p, 'spec', 'addresses')).map((a) => (typeof a === 'string' ? poolRange(a) : undefined)));
  for (const svc of objects.filter((o) => kindOf(o) === 'Service' && get(o, 'spec', 'type') === 'LoadBalancer')) {
    const requested = annotationsOf(svc)[REQUESTED_IP_ANNOTATION];
    const ip = requested ? ipv4(requested) : undefined;
    if (ip === undefined || ranges.length === 0 || ranges.some((r) => r === undefined)) continue;
    if (!ranges.some((r) => r !== undefined && ip >= r[0] && ip <= r[1])) {
      out.push(violation('K8S_METALLB', 'Service', nameOf(svc), `requested IP ${requested ?? ''} is in no IPAddressPool`));
    }
  }
  return out;
}
