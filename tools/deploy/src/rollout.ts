/**
 * Reading the workloads and pods as the API returns them (`kubectl get … -o json`: a v1 List of
 * apps/v1 Deployment/StatefulSet or v1 Pod objects; fields from the Kubernetes API reference,
 * kubernetes.io/docs/reference/kubernetes-api/workload-resources/), without a schema library: only
 * the fields below are read, and a missing one counts as "not yet".
 */

interface WorkloadJson {
  kind?: string;
  metadata?: { name?: string; generation?: number };
  spec?: { replicas?: number; updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } } };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    currentRevision?: string;
    updateRevision?: string;
  };
}

/**
 * Rolled out as `kubectl rollout status` decides it (its status viewers): the controller saw the
 * latest spec, every replica is updated and available (Deployment), or ready at the update revision
 * (StatefulSet with RollingUpdate).
 */
export function isRolledOut(w: WorkloadJson): boolean {
  const want = w.spec?.replicas ?? 1;
  const s = w.status ?? {};
  if ((s.observedGeneration ?? 0) < (w.metadata?.generation ?? 1)) return false;
  if (w.kind === 'StatefulSet') {
    if ((s.readyReplicas ?? 0) < want) return false;
    if (w.spec?.updateStrategy?.type === 'OnDelete') return true;
    const partition = w.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
    if (partition > 0) return (s.updatedReplicas ?? 0) >= want - partition;
    return s.updateRevision === s.currentRevision;
  }
  return (s.updatedReplicas ?? 0) >= want && (s.replicas ?? 0) <= (s.updatedReplicas ?? 0) && (s.availableReplicas ?? 0) >= (s.updatedReplicas ?? 0);
}

function items(json: string): unknown[] {
  const data = JSON.parse(json) as { items?: unknown };
  return Array.isArray(data.items) ? data.items : [];
}

/** name → rolled out, from `kubectl get deployments,statefulsets -o json`. */
export function parseRollouts(json: string): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const item of items(json) as WorkloadJson[]) if (item.metadata?.name) out.set(item.metadata.name, isRolledOut(item));
  return out;
}

export interface PodBrief {
  pod: string;
  service: string;
  phase: string;
  ready: boolean;
  /** The container's waiting reason (CrashLoopBackOff, ErrImageNeverPull, …), or ''. */
  waiting: string;
  restarts: number;
  lastExit: string;
  created: string;
}

interface PodJson {
  metadata?: { name?: string; creationTimestamp?: string; labels?: Record<string, string>; deletionTimestamp?: string };
  status?: {
    phase?: string;
    containerStatuses?: {
      name?: string;
      ready?: boolean;
      restartCount?: number;
      state?: { waiting?: { reason?: string } };
      lastState?: { terminated?: { exitCode?: number; reason?: string } };
    }[];
  };
}

/** The newest pod of each service (label app.kubernetes.io/name), from `kubectl get pods -o json`. */
export function parsePods(json: string): Map<string, PodBrief> {
  const out = new Map<string, PodBrief>();
  for (const p of items(json) as PodJson[]) {
    const service = p.metadata?.labels?.['app.kubernetes.io/name'];
    if (!service || !p.metadata?.name || p.metadata.deletionTimestamp) continue;
    const c = p.status?.containerStatuses?.find((s) => s.name === service) ?? p.status?.containerStatuses?.[0];
    const term = c?.lastState?.terminated;
    const brief: PodBrief = {
      pod: p.metadata.name,
      service,
      phase: p.status?.phase ?? 'Unknown',
      ready: c?.ready ?? false,
      waiting: c?.state?.waiting?.reason ?? '',
      restarts: c?.restartCount ?? 0,
      lastExit: term ? `${term.exitCode ?? '?'} (${term.reason ?? ''})` : '',
      created: p.metadata.creationTimestamp ?? '',
    };
    const known = out.get(service);
    if (!known || known.created < brief.created) out.set(service, brief);
  }
  return out;
}

/** A pod that will not come up by waiting longer. */
export function isHopeless(p: PodBrief | undefined): boolean {
  if (!p) return false;
  if (['ErrImageNeverPull', 'InvalidImageName', 'CreateContainerConfigError', 'CreateContainerError'].includes(p.waiting)) return true;
  return p.waiting === 'CrashLoopBackOff' && p.restarts >= 2;
}
