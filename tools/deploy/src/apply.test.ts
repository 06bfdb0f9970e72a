import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { testContext } from '../test/support.js';
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
    const nginx = s.patches.map((p) => parse(p.patch) as { metadata?: { name?: string }; kind?: string; spec?: unknown }).find((p) => p.metadata?.name === 'nginx');
    expect(nginx).toMatchObject({ kind: 'Deployment', spec: { template: { metadata: { annotations: { 'ft-services/image-id': 'sha256:aa', 'ft-services/secrets-hash': 'h1' } } } } });
    expect(s.patches).toHaveLength(8);
  });
});

describe('applyPlatform', () => {
  it('applies server-side with the platform’s field manager, retrying while MetalLB’s webhook is not up', async () => {
    let tries = 0;
    const ctx = testContext([], (_c, line) => {
      if (!line.startsWith('kubectl apply')) return undefined;
      tries++;
      return tries < 3 ? { code: 1, stderr: 'Error from server (InternalError): failed calling webhook "ipaddresspoolvalidationwebhook.metallb.io": connection refused' } : { stdout: 'configured' };
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
