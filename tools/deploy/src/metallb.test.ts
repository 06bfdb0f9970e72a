import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testContext } from '../test/support.js';
import { cachePath, installMetallb, parseRelease, sha256 } from './metallb.js';

const release = parseRelease(readFileSync(new URL('../../../k8s/vendor/metallb/release.env', import.meta.url), 'utf8'));

describe('the pin (k8s/vendor/metallb/release.env)', () => {
  it('is MetalLB v0.16.1 with the sha256 of its native manifest', () => {
    expect(release).toEqual({
      version: 'v0.16.1',
      url: 'https://raw.githubusercontent.com/metallb/metallb/v0.16.1/config/manifests/metallb-native.yaml',
      sha256: 'bf25feebb7582ca7df845efd52ffbc2960d6cbf4cfc972f47fded9f788b67f0b',
    });
  });

  it('refuses an empty or malformed pin', () => {
    const text = 'METALLB_VERSION=v1\nMETALLB_MANIFEST_URL=https://x/y.yaml\nMETALLB_MANIFEST_SHA256=\n';
    expect(() => parseRelease(text)).toThrow(/lacks METALLB_MANIFEST_SHA256/);
    expect(() => parseRelease(text.replace('SHA256=', 'SHA256=abc'))).toThrow(/not a sha256/);
  });
});

describe('installMetallb', () => {
  it('downloads once, checks the sum, applies with its own field manager and waits', async () => {
    const body = Buffer.from('pretend manifest');
    let downloads = 0;
    const ctx = testContext([], undefined, {
      download: async () => {
        downloads++;
        return body;
      },
    });
    ctx.paths.metallbRelease = writeRelease(ctx.paths.stateDir, sha256(body));
    await installMetallb(ctx);
    expect(downloads).toBe(1);
    const cache = ctx.metallbManifest ?? '';
    expect(readFileSync(cache)).toEqual(body);
    expect(ctx.runner.planned()).toEqual([
      `kubectl apply --server-side --force-conflicts --field-manager=ft-deploy-metallb -f ${cache}`,
      'kubectl -n metallb-system rollout status deployment/controller --timeout=300s',
      'kubectl -n metallb-system rollout status daemonset/speaker --timeout=300s',
    ]);
    await installMetallb(ctx);
    expect(downloads).toBe(1);
  });

  it('a mismatch stops before any apply, naming both sums, and keeps nothing', async () => {
    const ctx = testContext([], undefined, { download: async () => Buffer.from('tampered') });
    await expect(installMetallb(ctx)).rejects.toThrow(
      new RegExp(`has sha256 ${sha256('tampered')}, not the pinned bf25feebb7582ca7df845efd52ffbc2960d6cbf4cfc972f47fded9f788b67f0b`),
    );
    expect(ctx.runner.calls).toEqual([]);
    expect(existsSync(cachePath(ctx, release))).toBe(false);
  });

  it('--dry-run prints the download and the sha256 it must have', async () => {
    const ctx = testContext(['--dry-run']);
    await installMetallb(ctx);
    expect(ctx.said.join('\n')).toMatch(
      /download \(once\): https:\/\/raw\.githubusercontent\.com\/metallb\/metallb\/v0\.16\.1\/config\/manifests\/metallb-native\.yaml/,
    );
    expect(ctx.said.join('\n')).toMatch(/must be bf25feebb7582ca7df845efd52ffbc2960d6cbf4cfc972f47fded9f788b67f0b/);
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
function writeRelease(dir: string, sum: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'release.env');
  writeFileSync(file, `METALLB_VERSION=v0.16.1\nMETALLB_MANIFEST_URL=https://example.invalid/m.yaml\nMETALLB_MANIFEST_SHA256=${sum}\n`);
  return file;
}
