import { describe, expect, it } from 'vitest';
import { fixture, testContext } from '../test/support.js';
import {
  checkDockerDriver,
  checkKubectlSkew,
  checkMinikubeVersion,
  checkNotRoot,
  checkPrerequisites,
  checkProfileRuntime,
  missingTools,
  parseDockerInfo,
  parseKubectlVersion,
  parseMinikubeVersion,
  parseProfileList,
} from './prerequisites.js';

describe('reading the tools’ output', () => {
  it('minikube version --output=json', () => {
    expect(parseMinikubeVersion(fixture('minikube-version.json'))).toBe('v1.37.0');
    expect(() => parseMinikubeVersion('minikube version: v1.37.0\n')).toThrow(/no JSON/);
  });

  it('docker system info: Docker Desktop, rootless, plain engine', () => {
    expect(parseDockerInfo(fixture('docker-info-desktop.json'))).toMatchObject({ desktop: true, rootless: false });
    expect(parseDockerInfo(fixture('docker-info-rootless.json'))).toMatchObject({ desktop: false, rootless: true });
    expect(parseDockerInfo(fixture('docker-info-engine.json'))).toMatchObject({ desktop: false, rootless: false });
  });

  it('minikube profile list: the profile’s driver, runtime, Kubernetes and CNI', () => {
    expect(parseProfileList(fixture('minikube-profile-list.json'), 'ft-services')).toEqual({
      name: 'ft-services',
      driver: 'docker',
      containerRuntime: 'docker',
      kubernetesVersion: 'v1.34.0',
      cni: 'calico',
    });
    expect(parseProfileList(fixture('minikube-profile-list.json'), 'other')).toMatchObject({ driver: 'kvm2', containerRuntime: 'containerd', cni: '' });
    expect(parseProfileList(fixture('minikube-profile-list.json'), 'absent')).toBeUndefined();
    expect(parseProfileList('', 'x')).toBeUndefined();
  });

  it('kubectl version --output=json', () => {
    expect(parseKubectlVersion(fixture('kubectl-version.json'))).toEqual({ client: 'v1.34.1', server: 'v1.34.0' });
    expect(() => parseKubectlVersion('{"clientVersion":{"gitVersion":"v1.34.1"}}')).toThrow(/lacks clientVersion or serverVersion/);
  });
});

describe('refusals', () => {
  it('minikube older than the minimum', () => {
    expect(() => checkMinikubeVersion(parseMinikubeVersion(fixture('minikube-version-old.json')))).toThrow(/minikube v1.35.0 is too old: v1.37.0 or newer/);
    expect(() => checkMinikubeVersion('v1.37.0')).not.toThrow();
    expect(() => checkMinikubeVersion('v1.38.1')).not.toThrow();
  });

  it('kubectl more than one minor away from the server', () => {
    expect(() => checkKubectlSkew('v1.35.2', 'v1.34.0')).not.toThrow();
    expect(() => checkKubectlSkew('v1.33.0', 'v1.34.0')).not.toThrow();
    expect(() => checkKubectlSkew('v1.32.4', 'v1.34.0')).toThrow(
      /kubectl v1.32.4 is more than one minor away from the cluster's Kubernetes v1.34.0: install kubectl 1.34/,
    );
    expect(() => checkKubectlSkew('v1.36.0', 'v1.34.0')).toThrow(/more than one minor/);
  });

  it('running as root', () => {
    expect(() => checkNotRoot(0)).toThrow(/running as root: minikube's docker driver refuses root.*Run \.\/setup\.sh as your own user/);
    expect(() => checkNotRoot(1000)).not.toThrow();
  });

  it('the docker driver on Docker Desktop, rootless Docker or macOS, suggesting a VM driver', () => {
    const linux = testContext([]);
    expect(() => checkDockerDriver(linux, parseDockerInfo(fixture('docker-info-desktop.json')))).toThrow(/docker driver on Docker Desktop.*--driver kvm2/);
    expect(() => checkDockerDriver(linux, parseDockerInfo(fixture('docker-info-rootless.json')))).toThrow(/rootless Docker.*--driver kvm2/);
    expect(() => checkDockerDriver(linux, parseDockerInfo(fixture('docker-info-engine.json')))).not.toThrow();
    expect(() => checkDockerDriver(testContext(['--driver', 'docker'], undefined, { platform: 'darwin' }), undefined)).toThrow(/macOS.*--driver vfkit/);
    // Another driver: the engine does not matter.
    expect(() => checkDockerDriver(testContext(['--driver', 'kvm2']), parseDockerInfo(fixture('docker-info-desktop.json')))).not.toThrow();
  });

  it('an existing profile whose runtime is not docker', () => {
    const ctx = testContext(['--profile', 'other']);
    ctx.profileInfo = parseProfileList(fixture('minikube-profile-list.json'), 'other');
    expect(() => checkProfileRuntime(ctx)).toThrow(/runs the containerd container runtime.*minikube docker-env.*minikube -p other delete/);
  });
});

describe('checkPrerequisites', () => {
  const answers = (docker: string) => (_c: unknown, line: string) => {
    if (line === 'minikube version --output=json') return { stdout: fixture('minikube-version.json') };
    if (line === 'minikube profile list --output=json --light') return { stdout: fixture('minikube-profile-list.json') };
    if (line.startsWith('docker system info')) return { stdout: fixture(docker) };
    return undefined;
  };

  it('names every missing tool with how to get it, and stops (no dry run)', async () => {
    const ctx = testContext([], undefined, { which: (c) => c === 'kubectl' });
    expect(missingTools(ctx).join('\n')).toMatch(/docker: install Docker Engine[\s\S]*minikube v1.37.0 or newer/);
    await expect(checkPrerequisites(ctx)).rejects.toThrow(/needs what this machine lacks:\n {2}- docker[\s\S]*- minikube/);
    expect(ctx.runner.calls).toEqual([]);
  });

  it('under --dry-run reports the lack and the refusals, and prints the queries', async () => {
    const ctx = testContext(['--dry-run'], undefined, { which: () => false, uid: 0 });
    await checkPrerequisites(ctx);
    expect(ctx.said.join('\n')).toMatch(/a real run would stop here, as this machine lacks[\s\S]*running as root/);
    expect(ctx.runner.planned()).toEqual([
      'minikube version --output=json',
      'minikube profile list --output=json --light',
      'docker system info --format {{json .}}',
    ]);
  });

  it('reads the existing profile and refuses Docker Desktop for the docker driver', async () => {
    const ctx = testContext([], answers('docker-info-desktop.json'));
    await expect(checkPrerequisites(ctx)).rejects.toThrow(/Docker Desktop/);
    expect(ctx.profileInfo?.driver).toBe('docker');
    const ok = testContext([], answers('docker-info-engine.json'));
    await checkPrerequisites(ok);
  });
});
