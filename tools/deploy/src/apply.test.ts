import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { SERVICES } from '@ft/platform';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, testContext } from '../test/support.js';
import { applyPlatform, deployKustomizations, WEBHOOK_RETRIES } from './apply.js';

describe('deployKustomizations', () => {
  it('lists the overlay, patches the address and annotates every workload', () => {
    const ids = { nginx: 'sha256:aa' };
    const { main, site } = deployKustomizations('192.168.49.240', ids, { nginx: 'h1' });
    expect(parse(main)).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: ['../../../k8s/overlays/minikube'],
      components: ['site', '../../../k8s/components/external-address'],
    });
    const s = parse(site) as { patches: { patch: string }[] };
    expect(parse(s.patches[0]?.patch ?? '')).toEqual([{ op: 'replace', path: '/data/EXTERNAL_HOST', value: '192.168.49.240' }]);
    const nginx = s.patches
      .map((p) => parse(p.patch) as { metadata?: { name?: string }; kind?: string; spec?: unknown })
      .find((p) => p.metadata?.name === 'nginx');
    expect(nginx).toMatchObject({
      kind: 'Deployment',
      spec: { template: { metadata: { annotations: { 'ft-services/image-id': 'sha256:aa', 'ft-services/secrets-hash': 'h1' } } } },
    });
    expect(s.patches).toHaveLength(8);
  });

  it('renders with kustomize: every patch finds its workload (kind and name), which then carries the annotations', () => {
    // As setup.sh lays it out: state/cluster/deploy/ three levels below a tree that holds k8s/.
    const root = mkdtempSync(path.join(tmpdir(), 'ft-deploy-render-'));
    try {
      symlinkSync(path.join(REPO_ROOT, 'k8s'), path.join(root, 'k8s'));
      const dir = path.join(root, 'state', 'cluster', 'deploy');
      mkdirSync(path.join(dir, 'site'), { recursive: true });
      const ids = Object.fromEntries(SERVICES.map((s) => [s, `sha256:${s}`]));
      const { main, site } = deployKustomizations('192.168.49.240', ids, {});
      writeFileSync(path.join(dir, 'kustomization.yaml'), main);
      writeFileSync(path.join(dir, 'site', 'kustomization.yaml'), site);
      const rendered = parseAllDocuments(execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })).map(
        (d) => d.toJS() as { kind?: string; metadata?: { name?: string }; spec?: { template?: { metadata?: { annotations?: Record<string, string> } } } },
      );
      for (const service of SERVICES) {
        const workload = rendered.find((o) => (o.kind === 'Deployment' || o.kind === 'StatefulSet') && o.metadata?.name === service);
        expect(workload?.spec?.template?.metadata?.annotations?.['ft-services/image-id'], service).toBe(`sha256:${service}`);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('applyPlatform', () => {
  it('applies server-side with the platform’s field manager, retrying while MetalLB’s webhook is not up', async () => {
    let tries = 0;
    const ctx = testContext([], (_c, line) => {
      if (!line.startsWith('kubectl apply')) return undefined;
      tries++;
      return tries < 3
        ? { code: 1, stderr: 'Error from server (InternalError): failed calling webhook "ipaddresspoolvalidationwebhook.metallb.io": connection refused' }
        : { stdout: 'configured' };
    });
    ctx.address = '192.168.49.240';
    await applyPlatform(ctx);
    expect(tries).toBe(3);
    expect(ctx.runner.planned()[0]).toBe(`kubectl apply --server-side --force-conflicts --field-manager=ft-deploy -k ${ctx.paths.deployDir}`);
    expect(readFileSync(path.join(ctx.paths.deployDir, 'site', 'kustomization.yaml'), 'utf8')).toContain('192.168.49.240');
  });

  it('fails at once on another error, and after the retries on the webhook', async () => {
    const other = testContext([], (_c, line) => (line.startsWith('kubectl apply') ? { code: 1, stderr: 'error: invalid object' } : undefined));
    await expect(applyPlatform(other)).rejects.toThrow(/failed:\nerror: invalid object/);
    let n = 0;
    const hook = testContext([], (_c, line) => (line.startsWith('kubectl apply') ? (n++, { code: 1, stderr: 'failed calling webhook' }) : undefined));
    await expect(applyPlatform(hook)).rejects.toThrow(/webhook/);
    expect(n).toBe(WEBHOOK_RETRIES);
  });
});
