import { describe, expect, it } from 'vitest';
import { fixture, testContext } from '../test/support.js';
import { deleteCommand, deleteCommands } from './delete.js';
import { collectStatus, statusCommand, statusText } from './status.js';

const cluster =
  (status = 'minikube-status-running.json') =>
  (_c: unknown, line: string) => {
    if (line === 'minikube status --output=json')
      return { stdout: fixture(status), code: status.includes('running') ? 0 : status.includes('missing') ? 85 : 7 };
    if (line.startsWith('minikube profile list')) return { stdout: fixture('minikube-profile-list.json') };
    if (line.includes('deployments,statefulsets')) return { stdout: fixture('kubectl-workloads-progress.json') };
    if (line.includes('get pods') && line.includes('-o json')) return { stdout: fixture('kubectl-pods.json') };
    if (line.includes('create token')) return { stdout: 'eyJhbGciOi.token\n' };
    return { stdout: '' };
  };

describe('status', () => {
  it('collects readiness, restarts and whether NetworkPolicies are enforced', async () => {
    const s = await collectStatus(testContext(['status'], cluster()));
    expect(s.networkPolicies).toMatchObject({ enforced: true, cni: 'calico' });
    expect(s.allReady).toBe(false);
    expect(s.services.find((x) => x.name === 'nginx')).toEqual({
      name: 'nginx',
      ready: false,
      pod: 'nginx-7f8d6c5b4-new02',
      restarts: 3,
      waiting: 'CrashLoopBackOff',
      lastExit: '78 (Error)',
    });
    const text = statusText(s);
    expect(text).toMatch(/NetworkPolicies: enforced \(CNI calico\)/);
    expect(text).toMatch(/nginx +NOT READY +pod nginx-7f8d6c5b4-new02, CrashLoopBackOff, restarts 3, last exit 78 \(Error\)/);
    expect(text).toMatch(/grafana +ready/);
  });

  it('--json prints one JSON object and exits 1 while a service is not ready', async () => {
    const out: string[] = [];
    const code = await statusCommand(testContext(['status', '--json'], cluster()), (t) => out.push(t));
    expect(code).toBe(1);
    const parsed = JSON.parse(out.join('')) as { services: unknown[]; networkPolicies: { enforced: boolean } };
    expect(parsed.services).toHaveLength(7);
    expect(parsed.networkPolicies.enforced).toBe(true);
  });

  it('--token prints a one-hour token, never by default', async () => {
    const out: string[] = [];
    const ctx = testContext(['status', '--token'], cluster());
    await statusCommand(ctx, (t) => out.push(t));
    expect(out).toEqual(['eyJhbGciOi.token']);
    expect(ctx.runner.planned()).toContain('kubectl -n ft-services create token dashboard-admin --duration=1h');
    const plain = testContext(['status'], cluster());
    await statusCommand(plain, () => undefined);
    expect(plain.runner.planned().some((l) => l.includes('create token'))).toBe(false);
  });

  it('--versions prints the apk versions every running image keeps', async () => {
    const out: string[] = [];
    const ctx = testContext(['status', '--versions'], (c, line) => {
      if (line.includes('cat /etc/ft-services/apk-versions.txt'))
        return c.args.includes('nginx-7f8d6c5b4-new02')
          ? {
              stdout:
                'alpine-baselayout-3.7.0-r0 x86_64 {alpine-baselayout} (GPL-2.0-only) [installed]\nnginx-1.28.0-r3 x86_64 {nginx} (BSD-2-Clause) [installed]\n\n',
            }
          : { stdout: 'musl-1.2.5-r10 x86_64 {musl} (MIT) [installed]\n' };
      return cluster()(c, line);
    });
    expect(await statusCommand(ctx, (t) => out.push(t))).toBe(0);
    expect(out.join('\n')).toMatch(
      /nginx \(\/etc\/ft-services\/apk-versions\.txt\):\n {2}alpine-baselayout-3\.7\.0-r0 x86_64 \{alpine-baselayout\} \(GPL-2\.0-only\) \[installed\]\n {2}nginx-1\.28\.0-r3 /,
    );
  });

  it('no cluster: says so and what to do', async () => {
    await expect(collectStatus(testContext(['status'], cluster('minikube-status-missing.txt')))).rejects.toThrow(
      /no minikube profile 'ft-services': nothing is deployed/,
    );
    await expect(collectStatus(testContext(['status'], cluster('minikube-status-stopped.json')))).rejects.toThrow(/is Stopped: start it/);
  });
});

describe('delete', () => {
  it('waits with foreground cascade; --purge deletes the namespace too', async () => {
    for (const c of deleteCommands(testContext(['delete']))) expect(c.args).toEqual(expect.arrayContaining(['--wait=true', '--cascade=foreground']));
    expect(deleteCommands(testContext(['delete'])).some((c) => c.args.includes('namespace'))).toBe(false);
    const ctx = testContext(['delete', '--purge'], cluster());
    const said: string[] = [];
    await deleteCommand(ctx, (t) => said.push(t));
    expect(ctx.runner.planned().at(-1)).toBe('kubectl delete --ignore-not-found --wait=true --cascade=foreground namespace ft-services');
    expect(said.join('\n')).toMatch(/with the MySQL, InfluxDB and FTP data/);
  });
});
