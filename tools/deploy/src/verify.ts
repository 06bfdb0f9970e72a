/**
 * `./setup.sh verify`, also the last step of `up`: the deploy proves itself from where the user
 * stands. First every LoadBalancer Service must show the requested address in status.loadBalancer
 * (MetalLB allocated it), then the client checks run against that address with the deployment's
 * own secrets. A failure names the check and prints the diagnosis.
 */
import { type Context, kubectl, NAMESPACE } from './context.js';
import { explainAddress, explainService } from './diagnose.js';
import { DeployError, ERROR_CODES } from './errors.js';
import { snapshot } from './wait.js';

export interface ServiceAddress {
  name: string;
  type: string;
  requested: string;
  ingress: string[];
}

/**
 * `kubectl get services -o json`: a v1 List of Services; the address MetalLB was asked for is the
 * annotation metallb.io/loadBalancerIPs, the one it gave is status.loadBalancer.ingress[].ip
 * (Kubernetes API reference, Service v1; MetalLB's docs, "Requesting specific IPs").
 */
export function parseServiceAddresses(json: string): ServiceAddress[] {
  const data = JSON.parse(json) as { items?: unknown };
  const items = Array.isArray(data.items) ? data.items : [];
  return items.map((raw) => {
    const s = raw as {
      metadata?: { name?: string; annotations?: Record<string, string> };
      spec?: { type?: string };
      status?: { loadBalancer?: { ingress?: { ip?: string }[] } };
    };
    return {
      name: s.metadata?.name ?? '?',
      type: s.spec?.type ?? 'ClusterIP',
      requested: s.metadata?.annotations?.['metallb.io/loadBalancerIPs'] ?? '',
      ingress: (s.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? '').filter((ip) => ip !== ''),
    };
  });
}

/** The LoadBalancer Services that do not have `address` in their status (with what they have instead). */
export function addressProblems(services: ServiceAddress[], address: string): string[] {
  const lbs = services.filter((s) => s.type === 'LoadBalancer');
  if (lbs.length === 0) return ['no LoadBalancer Service in the namespace'];
  return lbs
    .filter((s) => !s.ingress.includes(address))
    .map(
      (s) =>
        `${s.name}: status.loadBalancer has ${s.ingress.length ? s.ingress.join(', ') : 'no address (pending)'}, not ${address}${s.requested && s.requested !== address ? ` (it requests ${s.requested})` : ''}`,
    );
}

export interface ClientCheckResult {
  /** What was checked, as the user would say it ("FTPS upload and download"). */
  name: string;
  ok: boolean;
  /** Why it failed (or what it saw). */
  message: string;
  /** The service the check talks to, for the diagnosis. */
  service?: string;
}

/** The client checks of packages/verify, run against the cluster's address with its secrets. */
export type ClientChecks = (target: { address: string; stateDir: string; say: (line: string) => void }) => Promise<ClientCheckResult[]>;

export async function checkAddresses(ctx: Context, address: string): Promise<string[]> {
  const out = await ctx.runner.run(kubectl(ctx, '-n', NAMESPACE, 'get', 'services', '-o', 'json'), { placeholder: '{"items":[]}' });
  if (ctx.runner.dryRun) {
    ctx.say(`  (every LoadBalancer Service must show ${address} in status.loadBalancer.ingress)`);
    return [];
  }
  return addressProblems(parseServiceAddresses(out.stdout), address);
}

export async function verifyDeployment(ctx: Context, address: string, clientChecks: ClientChecks | undefined): Promise<void> {
  const problems = await checkAddresses(ctx, address);
  if (problems.length > 0) {
    throw new DeployError(
      ERROR_CODES.VERIFY,
      `verify: the LoadBalancer Services do not have ${address}:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      await explainAddress(ctx),
    );
  }
  if (!ctx.runner.dryRun) ctx.say(`  every LoadBalancer Service has ${address}`);
  if (!clientChecks) {
    ctx.say('  client checks: none available in this build (packages/verify)');
    return;
  }
  if (ctx.runner.dryRun) {
    ctx.say(
      `  client checks against ${address} with the secrets of ${ctx.paths.stateDir}: HTTP 301/307, TLS on 443/5050/5000/3000, FTPS (TLS forced, plain refused), SSH (user in, root refused), WordPress and phpMyAdmin logins, MySQL and InfluxDB closed`,
    );
    return;
  }
  const results = await clientChecks({ address, stateDir: ctx.paths.stateDir, say: ctx.say });
  for (const r of results.filter((x) => !x.ok)) ctx.say(`  FAIL ${r.name}: ${r.message}`);
  const failed = results.filter((r) => !r.ok);
  if (failed.length === 0) return;
  const detail = [await explainAddress(ctx)];
  const services = [...new Set(failed.map((r) => r.service).filter((s): s is string => s !== undefined))];
  if (services.length > 0) {
    const snap = await snapshot(ctx);
    for (const s of services) detail.push(await explainService(ctx, s, snap.pods.get(s)?.pod));
  }
  throw new DeployError(
    ERROR_CODES.VERIFY,
    `verify: ${failed.length} of ${results.length} checks failed:\n${failed.map((r) => `  - ${r.name}: ${r.message}`).join('\n')}`,
    detail.join('\n\n'),
  );
}
