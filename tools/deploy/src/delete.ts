/**
 * `./setup.sh delete [--purge]`: removes the platform's objects and waits until they are gone
 * (foreground cascade: a workload is deleted after its pods). The namespace with its volumes stays
 * unless --purge; MetalLB and the dashboard addon stay installed.
 */
import { SECRET_NAMES } from '@ft/platform';
import { type Context, kubectl, NAMESPACE } from './context.js';
import { requireRunning } from './status.js';

const DELETE = ['delete', '--ignore-not-found', '--wait=true', '--cascade=foreground'];

export function deleteCommands(ctx: Context): { args: string[]; allowFailure: boolean }[] {
  const cmds = [
    {
      args: [
        '-n',
        NAMESPACE,
        ...DELETE,
        'deployment,statefulset,service,configmap,serviceaccount,networkpolicy',
        '-l',
        'app.kubernetes.io/part-of=ft-services',
      ],
      allowFailure: false,
    },
    { args: ['-n', NAMESPACE, ...DELETE, 'secret', ...SECRET_NAMES], allowFailure: false },
    { args: [...DELETE, 'clusterrolebinding', 'ft-services-dashboard-admin'], allowFailure: false },
    // MetalLB's CRDs may be gone already (a cluster without MetalLB): not an error.
    { args: ['-n', 'metallb-system', ...DELETE, 'ipaddresspool,l2advertisement', 'ft-services'], allowFailure: true },
  ];
  if (ctx.options.purge) cmds.push({ args: [...DELETE, 'namespace', NAMESPACE], allowFailure: false });
  return cmds;
}

export async function deleteCommand(ctx: Context, print: (text: string) => void): Promise<number> {
  await requireRunning(ctx);
  for (const c of deleteCommands(ctx)) await ctx.runner.run(kubectl(ctx, ...c.args), { allowFailure: c.allowFailure });
  const p = ctx.options.profile;
  print(
    ctx.options.purge
      ? `Removed, with the MySQL, InfluxDB and FTP data. The generated passwords are kept in state/cluster/\n(delete that directory too for new ones). MetalLB and the dashboard addon stay installed;\nminikube -p ${p} delete removes the whole cluster.`
      : `Removed. Kept: the namespace ${NAMESPACE} with its volumes (kubectl --context ${p} -n ${NAMESPACE} get pvc)\nand the passwords in state/cluster/; ./setup.sh brings everything back with the same data.\n./setup.sh delete --purge also deletes the data.`,
  );
  return 0;
}
