/**
 * The connections the services make, read from each container's rendered environment: which
 * setting names a host:port the service connects to, that host resolved to a Service of the
 * rendering (its DNS name, or the load balancer's address), and the Service's port to the pod
 * port it forwards to. What K8S_NETWORK_POLICY compares the NetworkPolicies with.
 */
import { loadConfig, type EnvShape } from '@ft/agent';
import { agentEnv } from '@ft/agent';
import { SERVICE_ENV_SHAPES } from '@ft/stack/service-schemas';
import { containerEnv } from './env.js';
import { annotationsOf, asRecord, asRecords, asString, get, kindOf, nameOf, namespaceOf, podLabelsOf, type K8sObject } from './manifest.js';
import { REQUESTED_IP_ANNOTATION, SERVICE_NAMES, type ServiceName } from './platform.js';
import { selectorMatches } from './network-policy.js';
import { serviceWorkloads } from './rules/workloads.js';

type Config = Record<string, unknown>;

/**
 * Every setting that makes a service connect somewhere (the others only listen, or name an
 * address for browsers: nginx's 307 target, vsftpd's passive address).
 */
const CONNECTIONS: ReadonlyArray<{ services: readonly ServiceName[]; settings: string[]; target(c: Config): string | undefined }> = [
  // Every agent pushes its metrics.
  { services: SERVICE_NAMES, settings: ['AGENT_INFLUX_URL'], target: (c) => asString(c.AGENT_INFLUX_URL) },
  // Grafana's datasource.
  { services: ['grafana'], settings: ['INFLUXDB_URL'], target: (c) => asString(c.INFLUXDB_URL) },
  { services: ['wordpress', 'phpmyadmin'], settings: ['MYSQL_HOST', 'MYSQL_PORT'], target: (c) => `tcp://${String(c.MYSQL_HOST)}:${String(c.MYSQL_PORT)}` },
  // /phpmyadmin/'s reverse proxy.
  { services: ['nginx'], settings: ['PHPMYADMIN_UPSTREAM'], target: (c) => asString(c.PHPMYADMIN_UPSTREAM) },
  // WordPress requests its own site URL (wp-cron's loopback request).
  { services: ['wordpress'], settings: ['EXTERNAL_HOST', 'WORDPRESS_PORT'], target: (c) => `https://${String(c.EXTERNAL_HOST)}:${String(c.WORDPRESS_PORT)}` },
];

export interface Flow {
  from: ServiceName;
  to: ServiceName;
  /** The destination pod's port. */
  port: number;
  /** The settings it comes from, with their values: `MYSQL_HOST=mysql MYSQL_PORT=3306`. */
  via: string;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/** The Service a host names in `namespace` (short, `name.ns`, `name.ns.svc[.cluster.local]`), or by its load balancer address. */
function servicesFor(objects: K8sObject[], host: string, port: number, namespace: string | undefined): K8sObject[] {
  const services = objects.filter((o) => kindOf(o) === 'Service');
  const labels = host
    .toLowerCase()
    .replace(/\.svc(\.cluster\.local)?\.?$/, '')
    .split('.');
  if (labels.length <= 2 && !/^\d+$/.test(labels.at(-1) ?? '')) {
    const [name, ns = namespace] = labels;
    return services.filter((s) => nameOf(s) === name && namespaceOf(s) === ns);
  }
  // An address: the LoadBalancer Services that ask for it and have the port (they share one IP).
  return services.filter((s) => {
    const ips = [...(annotationsOf(s)[REQUESTED_IP_ANNOTATION] ?? '').split(','), asString(get(s, 'spec', 'loadBalancerIP')) ?? ''].map((x) => x.trim());
    return get(s, 'spec', 'type') === 'LoadBalancer' && ips.includes(host) && asRecords(get(s, 'spec', 'ports')).some((p) => p.port === port);
  });
}

/** The workloads a Service sends `port` to, with the pod port it lands on. */
function backends(objects: K8sObject[], service: K8sObject, port: number): Array<{ to: ServiceName; port: number }> {
  const entry = asRecords(get(service, 'spec', 'ports')).find((p) => p.port === port);
  if (!entry) return [];
  const selector = asRecord(get(service, 'spec', 'selector'));
  if (!selector || Object.keys(selector).length === 0) return [];
  const target = entry.targetPort ?? port;
  return serviceWorkloads(objects)
    .filter((w) => namespaceOf(w.workload) === namespaceOf(service) && selectorMatches({ matchLabels: selector }, podLabelsOf(w.workload)))
    .flatMap((w) => {
      if (typeof target === 'number') return [{ to: w.service, port: target }];
      const named = asRecords(w.podSpec.containers)
        .flatMap((c) => asRecords(c.ports))
        .find((p) => p.name === target);
      return typeof named?.containerPort === 'number' ? [{ to: w.service, port: named.containerPort }] : [];
    });
}

function parse(shape: EnvShape, names: string[], values: Record<string, string>): Config | undefined {
  const out: Config = {};
  for (const name of names) {
    const schema = shape[name];
    if (!schema) return undefined;
    try {
      // The value the service reads, its default included; a bad one is K8S_SERVICE_ENV's to name.
      out[name] = loadConfig({ [name]: schema }, values)[name];
    } catch {
      return undefined;
    }
  }
  return out;
}

export function serviceFlows(objects: K8sObject[]): { flows: Flow[]; problems: Array<{ service: ServiceName; message: string }> } {
  const flows: Flow[] = [];
  const problems: Array<{ service: ServiceName; message: string }> = [];
  for (const { service, workload, container } of serviceWorkloads(objects)) {
    if (!container) continue;
    const namespace = namespaceOf(workload);
    const values: Record<string, string> = {};
    for (const [name, entry] of containerEnv(container, objects, namespace)) if (entry.value !== undefined) values[name] = entry.value;
    const shape: EnvShape = { ...SERVICE_ENV_SHAPES[service], ...agentEnv };
    for (const connection of CONNECTIONS) {
      if (!connection.services.includes(service)) continue;
      const config = parse(shape, connection.settings, values);
      const url = config ? connection.target(config) : undefined;
      if (!config || url === undefined) continue;
      let host: string;
      let port: number;
      try {
        const parsed = new URL(url);
        host = parsed.hostname;
        port = parsed.port ? Number(parsed.port) : (DEFAULT_PORTS[parsed.protocol] ?? 0);
      } catch {
        continue;
      }
      const via = connection.settings.map((n) => `${n}=${String(config[n])}`).join(' ');
      const found = servicesFor(objects, host, port, namespace).flatMap((s) => backends(objects, s, port));
      if (found.length === 0) problems.push({ service, message: `${via}: ${host}:${port} is no Service port of the rendering, so no policy can allow it` });
      for (const b of found) flows.push({ from: service, to: b.to, port: b.port, via });
    }
  }
  return { flows, problems };
}

/** The pod ports of a workload's containers (named), for the policies' named ports and the probes. */
export function containerPorts(objects: K8sObject[], service: ServiceName): Array<{ name?: string; port: number; protocol: 'TCP' | 'UDP' | 'SCTP' }> {
  const w = serviceWorkloads(objects).find((x) => x.service === service);
  return asRecords(w?.podSpec.containers).flatMap((c) =>
    asRecords(c.ports).flatMap((p) => {
      if (typeof p.containerPort !== 'number') return [];
      const protocol = (asString(p.protocol) ?? 'TCP') as 'TCP' | 'UDP' | 'SCTP';
      const name = asString(p.name);
      return [name ? { name, port: p.containerPort, protocol } : { port: p.containerPort, protocol }];
    }),
  );
}
