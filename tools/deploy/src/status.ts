/**
 * `./setup.sh status`: the profile, the address, every service's readiness and restarts, whether
 * NetworkPolicies are enforced, and (not ready) the agent's /readyz. `--json` prints the same as
 * one JSON object; `--token` prints a one-hour token of the dashboard's ServiceAccount instead.
 * Exit status 1 when a service is not ready (or the cluster is not running).
 */
import { SERVICES } from '@ft/platform';
import { rememberedAddress } from './address.js';
import { type Context, kubectl, NAMESPACE } from './context.js';
import { READYZ_SCRIPT } from './diagnose.js';
import { DeployError, ERROR_CODES } from './errors.js';
import { parseProfileList } from './prerequisites.js';
import { hostState, type HostState, policyEnforcement, type PolicyEnforcement } from './profile.js';
import { snapshot } from './wait.js';

export interface ServiceStatus {
  name: string;
  ready: boolean;
  pod: string | null;
  restarts: number;
  waiting: string;
  lastExit: string;
}

export interface ClusterStatus {
  profile: string;
  host: HostState;
  address: string | null;
  networkPolicies: PolicyEnforcement | null;
  services: ServiceStatus[];
  allReady: boolean;
}

export async function requireRunning(ctx: Context): Promise<HostState> {
  const state = await hostState(ctx);
  if (ctx.runner.dryRun || state === 'Running') return state;
  if (state === 'Nonexistent')
    throw new DeployError(ERROR_CODES.NO_CLUSTER, `there is no minikube profile '${ctx.options.profile}': nothing is deployed. Deploy with ./setup.sh`);
  throw new DeployError(
    ERROR_CODES.NO_CLUSTER,
    `minikube profile '${ctx.options.profile}' is ${state}: start it with minikube -p ${ctx.options.profile} start (or ./setup.sh)`,
  );
}

/** A one-hour token of dashboard-admin (TokenRequest API: it expires; none is stored). */
export async function dashboardToken(ctx: Context): Promise<string> {
  const out = await ctx.runner.run(kubectl(ctx, '-n', NAMESPACE, 'create', 'token', 'dashboard-admin', '--duration=1h'), { placeholder: '<token>' });
  return out.stdout.trim();
}

export async function collectStatus(ctx: Context): Promise<ClusterStatus> {
  const host = await requireRunning(ctx);
  const profiles = await ctx.runner.run(
    { cmd: 'minikube', args: ['profile', 'list', '--output=json', '--light'] },
    { quiet: true, allowFailure: true, placeholder: '' },
  );
  const info = ctx.runner.dryRun ? undefined : parseProfileList(profiles.stdout, ctx.options.profile);
  const snap = await snapshot(ctx);
  const services = SERVICES.map((name): ServiceStatus => {
    const p = snap.pods.get(name);
    return {
      name,
      ready: snap.rolledOut.get(name) === true,
      pod: p?.pod ?? null,
      restarts: p?.restarts ?? 0,
      waiting: p?.waiting ?? '',
      lastExit: p?.lastExit ?? '',
    };
  });
  return {
    profile: ctx.options.profile,
    host,
    address: (await rememberedAddress(ctx)) ?? null,
    networkPolicies: info ? policyEnforcement(info.cni, ctx.options.profile) : null,
    services,
    allReady: services.every((s) => s.ready),
  };
}

export function statusText(s: ClusterStatus): string {
  const lines = [`minikube profile ${s.profile}: ${s.host.toLowerCase()}; load-balancer address ${s.address ?? '? (not deployed from here yet)'}`];
  lines.push(s.networkPolicies ? s.networkPolicies.message : 'NetworkPolicies: unknown (minikube profile list gave no settings for this profile)');
  lines.push('');
  for (const svc of s.services) {
    lines.push(
      svc.ready
        ? `  ${svc.name.padEnd(11)} ready      pod ${svc.pod ?? '-'}, restarts ${svc.restarts}`
        : `  ${svc.name.padEnd(11)} NOT READY  pod ${svc.pod ?? 'none'}${svc.waiting ? `, ${svc.waiting}` : ''}, restarts ${svc.restarts}${svc.lastExit ? `, last exit ${svc.lastExit}` : ''}`,
    );
  }
  return lines.join('\n');
}

/** Where every image keeps the versions apk installed at build time (every services/<name>/Dockerfile runs `apk list --installed` into it). */
export const APK_VERSIONS_FILE = '/etc/ft-services/apk-versions.txt';

/** `apk list --installed` lines (`name-1.2.3-r0 arch {origin} (license) [installed]`, apk-list(8)), blank lines dropped. */
export function parseApkVersions(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

export async function imageVersions(ctx: Context, status: ClusterStatus): Promise<Record<string, string[] | string>> {
  const out: Record<string, string[] | string> = {};
  for (const svc of status.services) {
    if (!svc.pod && !ctx.runner.dryRun) {
      out[svc.name] = 'no pod';
      continue;
    }
    const r = await ctx.runner.run(kubectl(ctx, '-n', NAMESPACE, 'exec', svc.pod ?? `<${svc.name}-pod>`, '-c', svc.name, '--', 'cat', APK_VERSIONS_FILE), {
      allowFailure: true,
      quiet: true,
      placeholder: '',
    });
    out[svc.name] = r.code === 0 ? parseApkVersions(r.stdout) : `not readable: ${(r.stderr.trim().split('\n').at(-1) ?? '').slice(0, 200)}`;
  }
  return out;
}

export async function statusCommand(ctx: Context, print: (text: string) => void): Promise<number> {
  if (ctx.options.token) {
    await requireRunning(ctx);
    const token = await dashboardToken(ctx);
    print(ctx.runner.dryRun ? '(the token, valid 1 hour)' : token);
    return 0;
  }
  const status = await collectStatus(ctx);
  if (ctx.options.versions) {
    const versions = await imageVersions(ctx, status);
    if (ctx.options.json) print(JSON.stringify(versions, null, 2));
    else
      for (const [svc, v] of Object.entries(versions))
        print(`${svc} (${APK_VERSIONS_FILE}):\n${typeof v === 'string' ? `  ${v}` : v.map((l) => `  ${l}`).join('\n')}`);
    return Object.values(versions).every((v) => typeof v !== 'string') ? 0 : 1;
  }
  if (ctx.options.json) {
    print(JSON.stringify(status, null, 2));
    return status.allReady ? 0 : 1;
  }
  await ctx.runner.run(kubectl(ctx, '-n', NAMESPACE, 'get', 'pods,services,pvc', '-o', 'wide'), { allowFailure: true, stream: true });
  print(statusText(status));
  for (const svc of status.services) {
    if (svc.ready || !svc.pod || ctx.runner.dryRun) continue;
    const out = await ctx.runner.run(kubectl(ctx, '-n', NAMESPACE, 'exec', svc.pod, '-c', svc.name, '--', 'node', '-e', READYZ_SCRIPT), {
      allowFailure: true,
      quiet: true,
    });
    print(`    ${svc.name} /readyz: ${(out.stdout || out.stderr).trim()}`);
  }
  return status.allReady ? 0 : 1;
}
