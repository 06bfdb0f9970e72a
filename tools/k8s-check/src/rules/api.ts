/**
 * What the API server validates beyond the OpenAPI schema, so a rendering that passes here is not
 * rejected at `kubectl apply` (names, port names, selectors), and the references a pod needs to
 * start (a ConfigMap key that is missing leaves the container in CreateContainerConfigError).
 */
import { violation, type Violation } from '../errors.js';
import {
  asRecord,
  asRecords,
  asString,
  containersOf,
  findObject,
  get,
  initContainersOf,
  kindOf,
  nameOf,
  namespaceOf,
  podLabelsOf,
  podSpecOf,
  type Json,
  type K8sObject,
} from '../manifest.js';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
/** Kinds whose names must be DNS-1035 or DNS-1123 labels rather than subdomains. */
const LABEL_NAMED: Record<string, RegExp> = { Service: DNS1035_LABEL, Namespace: DNS1123_LABEL };
/** Kinds whose names the API server checks with its own looser rules (RBAC paths, CRDs). */
const FREE_NAMED = new Set(['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding']);
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** IANA_SVC_NAME: at most 15 characters, lowercase letters, digits and single inner dashes, one letter at least. */
export function isPortName(name: string): boolean {
  return name.length <= 15 && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(name) && !name.includes('--') && /[a-z]/.test(name);
}

function nameProblems(obj: K8sObject): string[] {
  const kind = kindOf(obj);
  const name = asString(get(obj, 'metadata', 'name'));
  const problems: string[] = [];
  if (name === undefined) {
    if (get(obj, 'metadata', 'generateName') === undefined) problems.push('metadata.name is missing');
  } else if (!FREE_NAMED.has(kind)) {
    const pattern = LABEL_NAMED[kind] ?? DNS1123_SUBDOMAIN;
    const max = LABEL_NAMED[kind] ? 63 : 253;
    if (!pattern.test(name) || name.length > max)
      problems.push(`name "${name}" is not a valid ${kind} name (${LABEL_NAMED[kind] ? 'DNS label' : 'DNS subdomain'})`);
  }
  for (const where of [asRecord(get(obj, 'metadata', 'labels')), asRecord(get(obj, 'spec', 'template', 'metadata', 'labels'))]) {
    for (const [key, value] of Object.entries(where ?? {})) {
      if (typeof value !== 'string' || value.length > 63 || !LABEL_VALUE.test(value)) problems.push(`label ${key}=${String(value)} is not a valid label value`);
    }
  }
  return problems;
}

function podProblems(obj: K8sObject, podSpec: Json): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const container of [...containersOf(podSpec), ...initContainersOf(podSpec)]) {
    const name = asString(container.name) ?? '';
    if (!DNS1123_LABEL.test(name) || name.length > 63) problems.push(`container name "${name}" is not a DNS label`);
    if (seen.has(name)) problems.push(`two containers are named ${name}`);
    seen.add(name);
    const portNames = new Set<string>();
    for (const port of asRecords(container.ports)) {
      const portName = asString(port.name);
      if (portName === undefined) continue;
      if (!isPortName(portName)) problems.push(`container ${name}: port name "${portName}" is not an IANA service name (15 characters at most)`);
      if (portNames.has(portName)) problems.push(`container ${name}: port name ${portName} is used twice`);
      portNames.add(portName);
    }
  }
  const kind = kindOf(obj);
  if (kind === 'Deployment' || kind === 'StatefulSet' || kind === 'DaemonSet' || kind === 'ReplicaSet') {
    const selector = asRecord(get(obj, 'spec', 'selector', 'matchLabels')) ?? {};
    const labels = podLabelsOf(obj);
    const unmatched = Object.entries(selector).filter(([k, v]) => labels[k] !== v);
    if (unmatched.length > 0)
      problems.push(`spec.selector ${unmatched.map(([k, v]) => `${k}=${String(v)}`).join(',')} does not match the pod template's labels`);
  }
  return problems;
}

function serviceProblems(svc: K8sObject): string[] {
  const ports = asRecords(get(svc, 'spec', 'ports'));
  const problems: string[] = [];
  const names = new Set<string>();
  for (const port of ports) {
    const name = asString(port.name);
    if (name === undefined) {
      if (ports.length > 1) problems.push(`port ${String(port.port)} has no name (required when a Service has several ports)`);
      continue;
    }
    if (!isPortName(name) && !DNS1123_LABEL.test(name)) problems.push(`port name "${name}" is not a DNS label`);
    if (names.has(name)) problems.push(`port name ${name} is used twice`);
    names.add(name);
    if (typeof port.targetPort === 'string' && !isPortName(port.targetPort)) {
      problems.push(`targetPort "${port.targetPort}" is not an IANA service name`);
    }
  }
  return problems;
}

/** ConfigMaps a pod reads (env, envFrom, volumes) must be in the rendering, keys included, unless optional. */
function referenceProblems(objects: K8sObject[], obj: K8sObject, podSpec: Json): string[] {
  const namespace = namespaceOf(obj);
  const problems: string[] = [];
  const configMap = (name: string | undefined) => (name ? findObject(objects, 'ConfigMap', name, namespace) : undefined);
  for (const container of [...containersOf(podSpec), ...initContainersOf(podSpec)]) {
    for (const env of asRecords(container.env)) {
      const ref = asRecord(get(env, 'valueFrom', 'configMapKeyRef'));
      if (!ref || ref.optional === true) continue;
      const cm = configMap(asString(ref.name));
      const key = asString(ref.key) ?? '';
      if (!cm) problems.push(`env ${String(env.name)} reads ConfigMap ${String(ref.name)}, which the rendering lacks`);
      else if (asRecord(cm.data)?.[key] === undefined) problems.push(`env ${String(env.name)} reads key ${key} that ConfigMap ${String(ref.name)} lacks`);
    }
    for (const from of asRecords(container.envFrom)) {
      const ref = asRecord(from.configMapRef);
      if (ref && ref.optional !== true && !configMap(asString(ref.name)))
        problems.push(`envFrom reads ConfigMap ${String(ref.name)}, which the rendering lacks`);
    }
  }
  for (const volume of asRecords(podSpec.volumes)) {
    const ref = asRecord(volume.configMap);
    if (ref && ref.optional !== true && !configMap(asString(ref.name)))
      problems.push(`volume ${String(volume.name)} mounts ConfigMap ${String(ref.name)}, which the rendering lacks`);
  }
  const account = asString(podSpec.serviceAccountName);
  if (account && account !== 'default' && !findObject(objects, 'ServiceAccount', account, namespace)) {
    problems.push(`serviceAccountName ${account} is not in the rendering`);
  }
  return problems;
}

export function checkApiRules(objects: K8sObject[], options: { references: boolean }): Violation[] {
  const out: Violation[] = [];
  for (const obj of objects) {
    const problems = [...nameProblems(obj)];
    const podSpec = podSpecOf(obj);
    if (podSpec) problems.push(...podProblems(obj, podSpec));
    if (kindOf(obj) === 'Service') problems.push(...serviceProblems(obj));
    for (const p of problems) out.push(violation('K8S_API_RULES', kindOf(obj), nameOf(obj), p));
    if (podSpec && options.references) {
      for (const p of referenceProblems(objects, obj, podSpec)) out.push(violation('K8S_REFERENCE', kindOf(obj), nameOf(obj), p));
    }
  }
  return out;
}
