/**
 * The minikube profile: started (a new one with the pinned Kubernetes, the docker runtime and a
 * CNI that enforces NetworkPolicies; an existing one with its own settings), its addons, and the
 * node label that would keep MetalLB silent removed after every start.
 */
import { type Context, effectiveDriver, kubectl, minikube } from './context.js';
import { DeployError, ERROR_CODES } from './errors.js';
import { CNI, KUBERNETES_VERSION } from './pins.js';

export type HostState = 'Running' | 'Stopped' | 'Paused' | 'Saved' | 'Starting' | 'Stopping' | 'Error' | 'Nonexistent';

const HOST_STATES: readonly string[] = ['Running', 'Stopped', 'Paused', 'Saved', 'Starting', 'Stopping', 'Error', 'Nonexistent'];

/**
 * `minikube -p P status --output=json`: {"Name":…,"Host":"Running",…} (pkg/minikube/cluster/status.go,
 * type Status), exit status non-zero unless all runs. A missing profile prints a sentence instead
 * (`Profile "P" not found. Run "minikube profile list" …`, exit 85: cmd/minikube/cmd/status.go via
 * mustload): 'Nonexistent'.
 */
export function parseHostState(stdout: string): HostState {
  const text = stdout.trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return 'Nonexistent';
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return 'Nonexistent';
  }
  // Several nodes: an array, the control plane first.
  const first = (Array.isArray(data) ? data[0] : data) as { Host?: unknown } | undefined;
  const host = typeof first?.Host === 'string' ? first.Host : '';
  return HOST_STATES.includes(host) ? (host as HostState) : 'Error';
}

export async function hostState(ctx: Context): Promise<HostState> {
  const out = await ctx.runner.run(minikube(ctx, 'status', '--output=json'), { allowFailure: true, quiet: true, placeholder: '' });
  return ctx.runner.dryRun ? 'Nonexistent' : parseHostState(out.stdout);
}

/** The arguments of `minikube start` for a profile that does not exist yet. */
export function newProfileArgs(ctx: Context): string[] {
  const o = ctx.options;
  return [
    'start',
    `--driver=${effectiveDriver(ctx)}`,
    '--container-runtime=docker',
    `--kubernetes-version=${KUBERNETES_VERSION}`,
    `--cni=${CNI}`,
    `--cpus=${o.cpus}`,
    `--memory=${o.memoryMb}`,
    `--disk-size=${o.disk}`,
  ];
}

/** kubeadm puts it on a control-plane node; MetalLB's speaker then announces nothing from that node. */
export const EXCLUDE_LB_LABEL = 'node.kubernetes.io/exclude-from-external-load-balancers';

/**
 * Removes the label from every node (kubectl's `key-` form: a node without it is left as it is, so
 * this is safe to repeat), then checks that no node has it. MetalLB v0.16.1's speaker skips a node
 * with this label (internal/k8s/nodes/nodes.go, speaker/layer2_controller.go) unless started with
 * --ignore-exclude-lb, which the native manifest does not set; kubeadm labels minikube's single
 * node (third_party/kubeadm/app/constants/constants.go: LabelExcludeFromExternalLB).
 */
export async function removeExcludeLabel(ctx: Context): Promise<void> {
  await ctx.runner.run(kubectl(ctx, 'label', 'nodes', '--all', `${EXCLUDE_LB_LABEL}-`));
  const left = await ctx.runner.run(kubectl(ctx, 'get', 'nodes', '-l', EXCLUDE_LB_LABEL, '-o', 'name'), { placeholder: '' });
  const nodes = left.stdout.split('\n').filter((l) => l.trim() !== '');
  if (nodes.length > 0) {
    throw new DeployError(ERROR_CODES.COMMAND_FAILED, `${nodes.join(', ')} still carry ${EXCLUDE_LB_LABEL}: MetalLB would not announce the address from them`);
  }
}

export async function startProfile(ctx: Context): Promise<void> {
  const { runner, options } = ctx;
  const state = await hostState(ctx);
  if (runner.dryRun) {
    ctx.say(`  (a new profile; an existing one is started with its own settings: minikube -p ${options.profile} start)`);
    await runner.run(minikube(ctx, ...newProfileArgs(ctx)), { stream: true });
  } else if (state === 'Running') {
    ctx.say(`  minikube profile '${options.profile}' is running: reused.`);
  } else if (state === 'Nonexistent') {
    await runner.run(minikube(ctx, ...newProfileArgs(ctx)), { stream: true });
  } else {
    ctx.say(`  minikube profile '${options.profile}' exists (${state}): starting it with its own settings.`);
    await runner.run(minikube(ctx, 'start'), { stream: true });
  }
  await runner.run(minikube(ctx, 'addons', 'enable', 'dashboard'));
  await runner.run(minikube(ctx, 'addons', 'enable', 'metrics-server'));
}

export interface PolicyEnforcement {
  enforced: boolean;
  cni: string;
  message: string;
}

/**
 * Whether NetworkPolicies are enforced: minikube's CNI setting of the profile (its --cni) names
 * one that does (calico, cilium) or not (bridge, kindnet, auto, none: NetworkPolicies are then
 * accepted by the API and silently ignored).
 */
export function policyEnforcement(cni: string, profile: string): PolicyEnforcement {
  const name = cni.toLowerCase();
  if (name === 'calico' || name === 'cilium') return { enforced: true, cni: name, message: `NetworkPolicies: enforced (CNI ${name})` };
  return {
    enforced: false,
    cni: name || 'auto',
    message: `NetworkPolicies: NOT enforced: profile '${profile}' runs CNI '${name || 'auto'}', which ignores them. Recreate it with one that enforces them: minikube -p ${profile} delete, then ./setup.sh (new profiles get --cni=${CNI})`,
  };
}
