/**
 * The platform's manifests: a kustomization written under state/cluster/deploy/ at every run (not
 * in git) that lists k8s/overlays/minikube, fills in the address and adds, per workload, the image
 * id and the secrets' hash as pod annotations (a new image or certificate rolls the pods: images
 * are always :latest with imagePullPolicy Never). Applied server-side with its own field manager.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { SERVICES } from '@ft/platform';
import { type Context, kubectl, NAMESPACE } from './context.js';
import { DeployError, ERROR_CODES } from './errors.js';
import { FIELD_MANAGERS } from './secrets.js';
import { workloadKind } from './workloads.js';

const HEADER = '# Written by ./setup.sh (tools/deploy) at every run; not in git. See k8s/README.md.\n';

export interface Kustomizations {
  main: string;
  site: string;
}

/** The two files: deploy/kustomization.yaml and deploy/site/kustomization.yaml (a Component). */
export function deployKustomizations(address: string, imageIds: Record<string, string>, secretHashes: Record<string, string>): Kustomizations {
  const site = {
    apiVersion: 'kustomize.config.k8s.io/v1alpha1',
    kind: 'Component',
    patches: [
      {
        target: { kind: 'ConfigMap', name: 'ft-config' },
        patch: stringify([{ op: 'replace', path: '/data/EXTERNAL_HOST', value: address }]),
      },
      ...SERVICES.map((service) => ({
        patch: stringify({
          apiVersion: 'apps/v1',
          kind: workloadKind(service),
          metadata: { name: service, namespace: NAMESPACE },
          spec: {
            template: {
              metadata: { annotations: { 'ft-services/image-id': imageIds[service] ?? '', 'ft-services/secrets-hash': secretHashes[service] ?? '' } },
            },
          },
        }),
      })),
    ],
  };
  const main = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: ['../../../k8s/overlays/minikube'],
    // First the address and the annotations, then the copies of the address.
    components: ['site', '../../../k8s/components/external-address'],
  };
  return { main: HEADER + stringify(main), site: HEADER + stringify(site) };
}

export async function writeDeployKustomization(ctx: Context): Promise<void> {
  const files = deployKustomizations(ctx.address ?? '', ctx.imageIds ?? {}, ctx.secretHashes ?? {});
  const dir = ctx.paths.deployDir;
  if (ctx.runner.dryRun) {
    ctx.say(`  write ${path.join(dir, 'kustomization.yaml')}:\n${indent(files.main)}`);
    ctx.say(`  write ${path.join(dir, 'site', 'kustomization.yaml')}:\n${indent(files.site)}`);
    return;
  }
  await mkdir(path.join(dir, 'site'), { recursive: true, mode: 0o700 });
  await writeFile(path.join(dir, 'kustomization.yaml'), files.main);
  await writeFile(path.join(dir, 'site', 'kustomization.yaml'), files.site);
}

const indent = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => `    | ${l}`)
    .join('\n');

/** MetalLB's admission webhook can refuse the pool for a few seconds after its controller is ready. */
export const WEBHOOK_RETRIES = 24;

export async function applyPlatform(ctx: Context): Promise<void> {
  await writeDeployKustomization(ctx);
  const apply = kubectl(ctx, 'apply', '--server-side', '--force-conflicts', `--field-manager=${FIELD_MANAGERS.platform}`, '-k', ctx.paths.deployDir);
  for (let attempt = 1; ; attempt++) {
    const out = await ctx.runner.run(apply, { allowFailure: true, quiet: attempt > 1 });
    if (out.code === 0) return;
    const said = `${out.stderr}\n${out.stdout}`.trim();
    if (/webhook/i.test(said) && attempt < WEBHOOK_RETRIES) {
      ctx.say(`  MetalLB's webhook is not answering yet; retrying in 5s (${attempt}/${WEBHOOK_RETRIES})`);
      await ctx.sleep(5000);
      continue;
    }
    throw new DeployError(ERROR_CODES.COMMAND_FAILED, `kubectl apply of ${ctx.paths.deployDir} failed:\n${said.split('\n').slice(-15).join('\n')}`);
  }
}
