import { describe, expect, it } from 'vitest';
import { fixture, testContext } from '../test/support.js';
import { EXCLUDE_LB_LABEL, newProfileArgs, parseHostState, policyEnforcement, removeExcludeLabel, startProfile } from './profile.js';

describe('parseHostState (minikube status --output=json)', () => {
  it('reads Host, and a missing profile’s sentence as Nonexistent', () => {
    expect(parseHostState(fixture('minikube-status-running.json'))).toBe('Running');
    expect(parseHostState(fixture('minikube-status-stopped.json'))).toBe('Stopped');
    expect(parseHostState(fixture('minikube-status-missing.txt'))).toBe('Nonexistent');
    expect(parseHostState(`[${fixture('minikube-status-running.json')}]`)).toBe('Running');
  });
});

describe('startProfile', () => {
  const status = (file: string) => (_c: unknown, line: string) =>
    line === 'minikube status --output=json' ? { stdout: fixture(file), code: file.includes('running') ? 0 : 7 } : undefined;

  it('a new profile: pinned Kubernetes, docker runtime, calico CNI, the sizes asked for', async () => {
    const ctx = testContext(['--cpus', '4', '--memory', '8192', '--disk', '30g', '--driver', 'kvm2'], status('minikube-status-missing.txt'));
    await startProfile(ctx);
    expect(ctx.runner.planned()).toEqual([
      'minikube status --output=json',
      'minikube start --driver=kvm2 --container-runtime=docker --kubernetes-version=v1.34.0 --cni=calico --cpus=4 --memory=8192 --disk-size=30g',
      'minikube addons enable dashboard',
      'minikube addons enable metrics-server',
    ]);
    expect(newProfileArgs(testContext([]))).toContain('--driver=docker');
    expect(newProfileArgs(testContext([], undefined, { platform: 'darwin' }))).toContain('--driver=vfkit');
  });

  it('an existing stopped profile starts with its own settings; a running one is reused', async () => {
    const stopped = testContext([], status('minikube-status-stopped.json'));
    await startProfile(stopped);
    expect(stopped.runner.planned()[1]).toBe('minikube start');
    const running = testContext([], status('minikube-status-running.json'));
    await startProfile(running);
    expect(running.runner.planned().filter((l) => l.includes(' start'))).toEqual([]);
  });
});

describe('removeExcludeLabel', () => {
  it('removes the label from every node (idempotent form) and checks none has it', async () => {
    const ctx = testContext([]);
    await removeExcludeLabel(ctx);
    expect(ctx.runner.planned()).toEqual([`kubectl label nodes --all ${EXCLUDE_LB_LABEL}-`, `kubectl get nodes -l ${EXCLUDE_LB_LABEL} -o name`]);
    expect(ctx.runner.calls[0]?.args.slice(0, 2)).toEqual(['--context', 'ft-services']);
  });

  it('fails when a node still has it', async () => {
    const ctx = testContext([], (_c, line) => (line.startsWith('kubectl get nodes') ? { stdout: 'node/ft-services\n' } : undefined));
    await expect(removeExcludeLabel(ctx)).rejects.toThrow(/node\/ft-services still carry node.kubernetes.io\/exclude-from-external-load-balancers/);
  });
});

describe('policyEnforcement', () => {
  it('says clearly whether NetworkPolicies are enforced', () => {
    expect(policyEnforcement('calico', 'p')).toMatchObject({ enforced: true, message: 'NetworkPolicies: enforced (CNI calico)' });
    expect(policyEnforcement('', 'p')).toMatchObject({ enforced: false });
    expect(policyEnforcement('bridge', 'p').message).toMatch(/NOT enforced: profile 'p' runs CNI 'bridge'.*minikube -p p delete/);
  });
});
