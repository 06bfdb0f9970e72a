/**
 * Workloads and probes: each service runs in its own workload and container named after it, and
 * every container of the platform is probed on its agent (/healthz for liveness, /readyz for
 * readiness), which is what turns a dead daemon into a counted restart.
 */
import { containerEnv, envNumber } from '../env.js';
import { violation, type Violation } from '../errors.js';
import { asRecord, asRecords, asString, containersOf, kindOf, nameOf, namespaceOf, podSpecOf, shown, type Json, type K8sObject } from '../manifest.js';
import { AGENT_PORT, NAMESPACE, SERVICE_NAMES } from '../platform.js';
import { platformPodOwners, serviceWorkloads } from './workloads.js';

export function checkWorkloads(objects: K8sObject[]): Violation[] {
  const out: Violation[] = [];
  const found = serviceWorkloads(objects);
  for (const service of SERVICE_NAMES) {
    const owners = objects.filter((o) => nameOf(o) === service && namespaceOf(o) === NAMESPACE && podSpecOf(o) !== undefined);
    const w = found.find((x) => x.service === service);
    if (!w) {
      const kinds = owners.map(kindOf).join(', ');
      out.push(
        violation(
          'K8S_WORKLOAD',
          'Deployment',
          service,
          kinds ? `runs as ${kinds}; want a Deployment or StatefulSet` : `no Deployment or StatefulSet ${service} in ${NAMESPACE}`,
        ),
      );
      continue;
    }
    if (owners.length > 1) out.push(violation('K8S_WORKLOAD', kindOf(w.workload), service, `${owners.length} workloads are named ${service}`));
    if (!w.container) {
      const names = containersOf(w.podSpec).map((c) => asString(c.name) ?? '?');
      out.push(violation('K8S_WORKLOAD', kindOf(w.workload), service, `no container named ${service} (has ${names.join(', ') || 'none'})`));
    }
    const restart = asString(w.podSpec.restartPolicy);
    if (restart && restart !== 'Always') {
      out.push(violation('K8S_WORKLOAD', kindOf(w.workload), service, `restartPolicy ${restart}: a crashed container must restart`));
    }
  }
  return out;
}

/** The number a probe's port means: a number, or the container port of that name. */
function probePort(port: unknown, container: Json): number | undefined {
  if (typeof port === 'number') return port;
  const named = asRecords(container.ports).find((p) => p.name === port);
  return typeof named?.containerPort === 'number' ? named.containerPort : undefined;
}

function checkProbe(probe: unknown, what: string, path: string | undefined, agentPort: number, container: Json): string | undefined {
  const record = asRecord(probe);
  if (!record) return `no ${what}`;
  const http = asRecord(record.httpGet);
  if (!http) return `${what} is not an httpGet on the agent`;
  const port = probePort(http.port, container);
  if (port !== agentPort) return `${what} goes to port ${String(http.port)}; the agent listens on ${agentPort}`;
  if (path !== undefined && http.path !== path) return `${what} asks ${shown(http.path ?? '/')}; the agent answers it on ${path}`;
  return undefined;
}

export function checkProbes(objects: K8sObject[]): Violation[] {
  const out: Violation[] = [];
  for (const owner of platformPodOwners(objects)) {
    for (const container of containersOf(podSpecOf(owner))) {
      const env = containerEnv(container, objects, namespaceOf(owner));
      const agentPort = envNumber(env, 'AGENT_PORT', AGENT_PORT) ?? AGENT_PORT;
      const label = `container ${asString(container.name) ?? '?'}`;
      const problems = [
        checkProbe(container.livenessProbe, 'livenessProbe', '/healthz', agentPort, container),
        checkProbe(container.readinessProbe, 'readinessProbe', '/readyz', agentPort, container),
        container.startupProbe === undefined ? undefined : checkProbe(container.startupProbe, 'startupProbe', undefined, agentPort, container),
      ];
      for (const problem of problems) {
        if (problem) out.push(violation('K8S_PROBES', kindOf(owner), nameOf(owner), `${label}: ${problem}`));
      }
    }
  }
  return out;
}
