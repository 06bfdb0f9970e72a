/**
 * What a user needs to see when a service does not come up or a check fails: the pod's state, its
 * probe events, the agent's /readyz, its log (and the crashed container's); for the address, the
 * Services' status, MetalLB's speaker log, the node labels and servicel2statuses. Read-only, each
 * command printed with its output; a command that fails says so and the rest still run.
 */
import { type Context, kubectl, NAMESPACE } from './context.js';
import { workloadRef } from './workloads.js';

async function show(ctx: Context, title: string, args: string[], lines: string[]): Promise<void> {
  const cmd = kubectl(ctx, ...args);
  const out = await ctx.runner.run(cmd, { allowFailure: true, quiet: true, placeholder: '' });
  lines.push(`${title}  (kubectl ${cmd.args.join(' ')})`);
  const text = `${out.stdout}${out.code !== 0 ? out.stderr : ''}`.trimEnd();
  lines.push(...(text ? text.split('\n').map((l) => `    ${l}`) : ['    (nothing)']));
}

/** The agent's /readyz from inside the pod: which check or process fails. */
export const READYZ_SCRIPT =
  'fetch("http://127.0.0.1:9180/readyz").then(r=>r.text()).then(t=>console.log(t),e=>console.log("agent not answering: "+e.message))';

export async function explainService(ctx: Context, service: string, pod: string | undefined): Promise<string> {
  const lines = [`--- ${service} ---`];
  const n = ['-n', NAMESPACE];
  await show(ctx, 'pods', [...n, 'get', 'pods', '-l', `app.kubernetes.io/name=${service}`, '-o', 'wide'], lines);
  if (!pod) {
    await show(ctx, 'workload', [...n, 'describe', workloadRef(service)], lines);
    return lines.join('\n');
  }
  await show(
    ctx,
    'container (exit 78: a bad environment variable, named in the log; 70: a daemon that stopped)',
    [
      ...n,
      'get',
      'pod',
      pod,
      '-o',
      'jsonpath=waiting={.status.containerStatuses[0].state.waiting.reason} ({.status.containerStatuses[0].state.waiting.message}) restarts={.status.containerStatuses[0].restartCount} last exit={.status.containerStatuses[0].lastState.terminated.exitCode} ({.status.containerStatuses[0].lastState.terminated.reason})',
    ],
    lines,
  );
  await show(
    ctx,
    'probe and pod events',
    [...n, 'get', 'events', '--field-selector', `involvedObject.name=${pod}`, '-o', 'custom-columns=TIME:.lastTimestamp,REASON:.reason,MESSAGE:.message'],
    lines,
  );
  await show(ctx, '/readyz of the agent', [...n, 'exec', pod, '-c', service, '--', 'node', '-e', READYZ_SCRIPT], lines);
  await show(ctx, 'last log lines', [...n, 'logs', pod, '-c', service, '--tail=25'], lines);
  await show(ctx, 'log of the previous (crashed) container', [...n, 'logs', pod, '-c', service, '--previous', '--tail=15'], lines);
  return lines.join('\n');
}

/** Why the address may not answer: MetalLB's view of it. */
export async function explainAddress(ctx: Context): Promise<string> {
  const lines = ['--- the load-balancer address ---'];
  await show(ctx, 'LoadBalancer Services', ['-n', NAMESPACE, 'get', 'services', '-o', 'wide'], lines);
  await show(
    ctx,
    'their status.loadBalancer',
    ['-n', NAMESPACE, 'get', 'services', '-o', 'jsonpath={range .items[*]}{.metadata.name}{": "}{.status.loadBalancer}{"\\n"}{end}'],
    lines,
  );
  await show(ctx, 'node labels (node.kubernetes.io/exclude-from-external-load-balancers keeps MetalLB silent)', ['get', 'nodes', '--show-labels'], lines);
  await show(ctx, "MetalLB's announcements (servicel2statuses)", ['-n', 'metallb-system', 'get', 'servicel2statuses', '-o', 'wide'], lines);
  await show(ctx, "MetalLB's speaker log", ['-n', 'metallb-system', 'logs', '-l', 'component=speaker', '--tail=40'], lines);
  await show(ctx, "MetalLB's controller log", ['-n', 'metallb-system', 'logs', '-l', 'component=controller', '--tail=20'], lines);
  return lines.join('\n');
}
