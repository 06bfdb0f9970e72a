/**
 * Graceful stop of the php sites (wordpress, phpmyadmin): a preStop delay lets the endpoints
 * controller and kube-proxy take the pod out of the Service before the container gets SIGTERM
 * (otherwise new connections still arrive at a pod that is closing), and the grace period covers
 * that delay plus the agent's own graceful stop (nginx, then php-fpm, each with SIGQUIT).
 */
import { violation, type Violation } from '../errors.js';
import { get, kindOf, shown } from '../manifest.js';
import { SERVICES } from '../platform.js';
import { serviceWorkloads } from './workloads.js';

/**
 * Seconds the agent may take after SIGTERM: nginx's worker_shutdown_timeout (8 s) and php-fpm's
 * process_control_timeout (8 s), one after the other, and a margin for the metrics flush.
 */
export const AGENT_STOP_SECONDS = 20;
/** Kubernetes' default terminationGracePeriodSeconds. */
const DEFAULT_GRACE_SECONDS = 30;

/** The delay of a preStop hook: the sleep action, or an exec of `sleep N`. */
export function preStopSeconds(container: unknown): number | undefined {
  const hook = get(container, 'lifecycle', 'preStop');
  const sleep = get(hook, 'sleep', 'seconds');
  if (typeof sleep === 'number') return sleep;
  const command = get(hook, 'exec', 'command');
  if (!Array.isArray(command)) return undefined;
  const [binary, seconds, ...rest] = command as unknown[];
  if (typeof binary !== 'string' || !/(^|\/)sleep$/.test(binary) || rest.length > 0) return undefined;
  const n = Number(seconds);
  return Number.isFinite(n) ? n : undefined;
}

export function checkGracefulStop(objects: Parameters<typeof serviceWorkloads>[0]): Violation[] {
  const out: Violation[] = [];
  for (const w of serviceWorkloads(objects)) {
    if (!SERVICES[w.service].drainOnStop || !w.container) continue;
    const kind = kindOf(w.workload);
    const delay = preStopSeconds(w.container);
    if (delay === undefined || delay < 1) {
      out.push(
        violation(
          'K8S_GRACEFUL_STOP',
          kind,
          w.service,
          'no preStop delay (lifecycle.preStop sleep): SIGTERM would reach the pod while the Service still sends it connections',
        ),
      );
      continue;
    }
    const grace = get(w.podSpec, 'terminationGracePeriodSeconds') ?? DEFAULT_GRACE_SECONDS;
    if (typeof grace !== 'number' || grace < delay + AGENT_STOP_SECONDS) {
      out.push(
        violation(
          'K8S_GRACEFUL_STOP',
          kind,
          w.service,
          `terminationGracePeriodSeconds ${shown(grace)} < preStop ${delay} s + ${AGENT_STOP_SECONDS} s for the agent's graceful stop`,
        ),
      );
    }
  }
  return out;
}
