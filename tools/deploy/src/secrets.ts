/**
 * The deployment's secrets: generated once into state/cluster/ by tools/stack's secrets CLI, written
 * to a private temporary directory in the forms kubectl takes, stored as Kubernetes Secrets, then
 * the temporary directory is removed. A hash of each service's secret files goes into its pod
 * template, so a new certificate or password rolls the pods.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isServiceName, SERVICES, SSH_HOST_KEYS_SECRET, TLS_SECRET, TLS_SERVICES, secretNameOf } from '@ft/platform';
import { type Context, kubectl, NAMESPACE } from './context.js';
import { DeployError, ERROR_CODES } from './errors.js';
import { sha256 } from './metallb.js';

/**
 * One field manager per source (server-side apply): the namespace from k8s/base/namespace.yaml, the
 * Secrets from the generated files, the platform from the kustomization. A manager that applies an
 * object without a field it set before removes that field; with one manager for two sources, the
 * namespace's Pod Security labels would vanish between the two applies of every re-run.
 */
export const FIELD_MANAGERS = {
  namespace: 'ft-deploy-namespace',
  secrets: 'ft-deploy-secrets',
  platform: 'ft-deploy',
} as const;

/** The files of a service's Secrets (its env, plus TLS where it serves it, plus nginx's SSH host keys). */
export async function secretFiles(dir: string, service: string): Promise<string[]> {
  const files = [path.join(dir, `${service}.secret.env`)];
  if (isServiceName(service) && TLS_SERVICES.includes(service)) files.push(path.join(dir, 'tls.crt'), path.join(dir, 'tls.key'));
  if (service === 'nginx') {
    const keys = path.join(dir, 'ssh-host-keys');
    for (const name of (await readdir(keys)).sort()) files.push(path.join(keys, name));
  }
  return files;
}

/** The Secret objects: `kubectl create secret … --dry-run=client -o yaml` arguments, per object. */
export function secretCreateArgs(dir: string): string[][] {
  return [
    ...SERVICES.map((s) => ['create', 'secret', 'generic', secretNameOf(s), `--from-env-file=${path.join(dir, `${s}.secret.env`)}`]),
    ['create', 'secret', 'tls', TLS_SECRET, `--cert=${path.join(dir, 'tls.crt')}`, `--key=${path.join(dir, 'tls.key')}`],
    ['create', 'secret', 'generic', SSH_HOST_KEYS_SECRET, `--from-file=${path.join(dir, 'ssh-host-keys')}`],
  ];
}

export async function applyNamespace(ctx: Context): Promise<void> {
  const file = path.join(ctx.paths.root, 'k8s', 'base', 'namespace.yaml');
  await ctx.runner.run(kubectl(ctx, 'apply', '--server-side', '--force-conflicts', `--field-manager=${FIELD_MANAGERS.namespace}`, '-f', file));
}

export async function makeSecrets(ctx: Context): Promise<void> {
  const { runner, paths } = ctx;
  if (!ctx.address) throw new DeployError(ERROR_CODES.ADDRESS, 'no load-balancer address yet (the address step runs first)');
  const dir = runner.dryRun ? '<private-temp-dir>' : await mkdtemp(path.join(tmpdir(), 'ft-secrets-'));
  if (!runner.dryRun) await chmod(dir, 0o700);
  ctx.secretsDir = dir;
  // Interrupted (Ctrl-C, kill): the private copy of the secrets goes before the process does.
  const onSignal = (signal: NodeJS.Signals) => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  if (!runner.dryRun) for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, onSignal);
  try {
    await runner.run({
      cmd: process.execPath,
      args: [paths.stackCli, 'secrets', '--state-dir', paths.stateDir, '--k8s-out', dir, '--external-host', ctx.address],
    });
    await applyNamespace(ctx);
    for (const args of secretCreateArgs(dir)) {
      const made = await runner.run(kubectl(ctx, '-n', NAMESPACE, ...args, '--dry-run=client', '-o', 'yaml'), { placeholder: '' });
      const apply = kubectl(ctx, 'apply', '--server-side', '--force-conflicts', `--field-manager=${FIELD_MANAGERS.secrets}`, '-f', '-');
      await runner.run({ ...apply, input: made.stdout }, { inputLabel: '< (the YAML above)' });
    }
    const hashes: Record<string, string> = {};
    for (const service of SERVICES) {
      if (runner.dryRun) {
        hashes[service] = `<sha256-of-${service}-secret-files>`;
        continue;
      }
      const sums: string[] = [];
      for (const f of await secretFiles(dir, service)) sums.push(sha256(await readFile(f)));
      hashes[service] = sha256(sums.join('\n'));
    }
    ctx.secretHashes = hashes;
  } finally {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.off(signal, onSignal);
    if (!runner.dryRun) await rm(dir, { recursive: true, force: true });
  }
}
