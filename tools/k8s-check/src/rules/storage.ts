/**
 * Storage: the databases and FTPS keep their data directory on a PersistentVolumeClaim (SPEC.md:
 * data survives a kill, a restart, delete + re-apply of the workload), and a Deployment that
 * mounts a ReadWriteOnce claim never runs two pods on it (a rolling update would start a second
 * mariadbd on the same files).
 */
import { containerEnv } from '../env.js';
import { violation, type Violation } from '../errors.js';
import { asRecords, asString, findObject, shown, get, kindOf, namespaceOf, podSpecOf, type K8sObject } from '../manifest.js';
import { SERVICES } from '../platform.js';
import { serviceWorkloads } from './workloads.js';

function isUnder(path: string, mount: string): boolean {
  const m = mount.replace(/\/+$/, '');
  return path === m || path.startsWith(`${m}/`);
}

export function checkStorage(objects: K8sObject[]): Violation[] {
  const out: Violation[] = [];
  for (const w of serviceWorkloads(objects)) {
    const dataDir = SERVICES[w.service].dataDir;
    if (!dataDir || !w.container) continue;
    const kind = kindOf(w.workload);
    const env = containerEnv(w.container, objects, namespaceOf(w.workload));
    const dir = env.get(dataDir.variable)?.value ?? dataDir.default;
    const mount = asRecords(w.container.volumeMounts)
      .filter((m) => typeof m.mountPath === 'string' && isUnder(dir, m.mountPath))
      .sort((a, b) => String(b.mountPath).length - String(a.mountPath).length)[0];
    if (!mount) {
      out.push(violation('K8S_PVC', kind, w.service, `nothing is mounted at the data directory ${dir} (${dataDir.variable})`));
      continue;
    }
    const volumeName = asString(mount.name);
    const volume = asRecords(w.podSpec.volumes).find((v) => v.name === volumeName);
    const template = asRecords(get(w.workload, 'spec', 'volumeClaimTemplates')).find((t) => get(t, 'metadata', 'name') === volumeName);
    if (template && kind === 'StatefulSet') continue;
    const claim = asString(get(volume, 'persistentVolumeClaim', 'claimName'));
    if (!claim) {
      out.push(violation('K8S_PVC', kind, w.service, `${dir} is on volume ${volumeName ?? '?'}, which is not a PersistentVolumeClaim`));
      continue;
    }
    if (!findObject(objects, 'PersistentVolumeClaim', claim, namespaceOf(w.workload))) {
      out.push(violation('K8S_PVC', kind, w.service, `claim ${claim} is not in the rendering`));
    }
  }
  out.push(...checkClaimStrategy(objects));
  return out;
}

function checkClaimStrategy(objects: K8sObject[]): Violation[] {
  const out: Violation[] = [];
  for (const deployment of objects.filter((o) => kindOf(o) === 'Deployment')) {
    const spec = podSpecOf(deployment);
    const claims = asRecords(spec?.volumes).filter((v) => get(v, 'persistentVolumeClaim') !== undefined);
    if (claims.length === 0) continue;
    const name = asString(get(deployment, 'metadata', 'name')) ?? '?';
    const replicas = get(deployment, 'spec', 'replicas') ?? 1;
    if (replicas !== 1) out.push(violation('K8S_PVC_STRATEGY', 'Deployment', name, `replicas ${shown(replicas)} on one claim; want 1`));
    const strategy = get(deployment, 'spec', 'strategy', 'type') ?? 'RollingUpdate';
    if (strategy !== 'Recreate') {
      out.push(
        violation(
          'K8S_PVC_STRATEGY',
          'Deployment',
          name,
          `strategy ${shown(strategy)} starts the new pod on the claim before the old one stops; want Recreate`,
        ),
      );
    }
  }
  return out;
}
