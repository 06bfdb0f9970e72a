/**
 * K8S_PRIVILEGES: the local mode runs every agent with the capabilities and no_new_privs its
 * container's securityContext grants, read from tools/stack/container-privileges.json. That file is
 * generated from the rendering (`k8s-check --write-privileges`); this rule fails when a rendering
 * grants something else, or a securityContext asks for what the local mode cannot reproduce.
 */
import { privilegesOfRendering, type ContainerPrivileges, type PrivilegesFile } from '@ft/stack';
import { violation, type Violation } from '../errors.js';
import { kindOf, type K8sObject } from '../manifest.js';
import { serviceWorkloads } from './workloads.js';

export const PRIVILEGES_FILE = 'tools/stack/container-privileges.json';
export const WRITE_PRIVILEGES = 'node tools/k8s-check/dist/cli.js --write-privileges';

function describe(p: ContainerPrivileges): string {
  return `capabilities [${p.capabilities.join(', ')}], no_new_privs ${p.noNewPrivs ? 'on' : 'off'}`;
}

/** `committed` is the file as read, or the reason it could not be. */
export function checkPrivileges(objects: K8sObject[], committed: PrivilegesFile | Error): Violation[] {
  const kinds = new Map(serviceWorkloads(objects).map((w) => [w.service as string, kindOf(w.workload)]));
  const { services, problems } = privilegesOfRendering(objects);
  const out = problems.map((p) => violation('K8S_PRIVILEGES', kinds.get(p.service) ?? 'Workload', p.service, `container ${p.service}: ${p.message}`));
  if (committed instanceof Error) {
    return [...out, violation('K8S_PRIVILEGES', 'File', PRIVILEGES_FILE, `${committed.message}; make it with ${WRITE_PRIVILEGES}`)];
  }
  for (const [service, granted] of Object.entries(services) as Array<[keyof PrivilegesFile['services'], ContainerPrivileges]>) {
    const kept = committed.services[service];
    if (kept.noNewPrivs === granted.noNewPrivs && kept.capabilities.join() === [...granted.capabilities].sort().join()) continue;
    out.push(
      violation(
        'K8S_PRIVILEGES',
        kinds.get(service) ?? 'Workload',
        service,
        `container ${service}: the rendering grants ${describe(granted)} but ${PRIVILEGES_FILE} (what the local mode enforces) says ${describe(kept)}; regenerate it: ${WRITE_PRIVILEGES}`,
      ),
    );
  }
  return out;
}
