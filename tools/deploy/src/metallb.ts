/**
 * MetalLB: the pinned release's native manifest, downloaded once into state/cluster/cache/ (or the
 * vendored copy), checked against the pinned sha256 before every apply, applied, and waited for.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Context, kubectl } from './context.js';
import { DeployError, ERROR_CODES } from './errors.js';

export interface MetallbRelease {
  version: string;
  url: string;
  sha256: string;
}

/** k8s/vendor/metallb/release.env: KEY=value lines and # comments. Every key is required; no empty pin. */
export function parseRelease(text: string, file = 'k8s/vendor/metallb/release.env'): MetallbRelease {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m?.[1]) values.set(m[1], (m[2] ?? '').trim());
  }
  const need = (key: string) => {
    const value = values.get(key);
    if (!value) throw new DeployError(ERROR_CODES.CHECKSUM, `${file} lacks ${key} (every MetalLB pin needs a value)`);
    return value;
  };
  const release = { version: need('METALLB_VERSION'), url: need('METALLB_MANIFEST_URL'), sha256: need('METALLB_MANIFEST_SHA256').toLowerCase() };
  if (!/^[0-9a-f]{64}$/.test(release.sha256))
    throw new DeployError(ERROR_CODES.CHECKSUM, `${file}: METALLB_MANIFEST_SHA256 '${release.sha256}' is not a sha256 (64 hex digits)`);
  if (!release.url.startsWith('https://')) throw new DeployError(ERROR_CODES.CHECKSUM, `${file}: METALLB_MANIFEST_URL must be https://`);
  return release;
}

export const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

export function checkManifest(data: Buffer, release: MetallbRelease, where: string): void {
  const actual = sha256(data);
  if (actual !== release.sha256) {
    throw new DeployError(
      ERROR_CODES.CHECKSUM,
      `${where} has sha256 ${actual}, not the pinned ${release.sha256} of MetalLB ${release.version} (k8s/vendor/metallb/release.env): not applied. Remove the file to download it again; if the download itself differs, the published file changed: do not use it.`,
    );
  }
}

export const cachePath = (ctx: Context, release: MetallbRelease) => path.join(ctx.paths.cacheDir, `metallb-native-${release.version}.yaml`);

/** The checked manifest's path: the vendored file, else the cached download (made once). */
export async function metallbManifest(ctx: Context): Promise<string> {
  const release = parseRelease(await readFile(ctx.paths.metallbRelease, 'utf8'));
  ctx.say(`  MetalLB ${release.version}`);
  if (existsSync(ctx.paths.metallbVendored)) {
    if (ctx.runner.dryRun) ctx.say(`  check: sha256 of ${ctx.paths.metallbVendored} must be ${release.sha256}`);
    else checkManifest(await readFile(ctx.paths.metallbVendored), release, ctx.paths.metallbVendored);
    return ctx.paths.metallbVendored;
  }
  const cache = cachePath(ctx, release);
  if (ctx.runner.dryRun) {
    ctx.say(`  download (once): ${release.url} -> ${cache}`);
    ctx.say(`  check: sha256 of ${cache} must be ${release.sha256} (a mismatch stops here, naming both sums)`);
    return cache;
  }
  if (existsSync(cache)) {
    checkManifest(await readFile(cache), release, cache);
    return cache;
  }
  ctx.say(`  downloading ${release.url}`);
  let data: Buffer;
  try {
    data = await ctx.download(release.url);
  } catch (err) {
    throw new DeployError(ERROR_CODES.COMMAND_FAILED, `could not download ${release.url}: ${err instanceof Error ? err.message : String(err)}`);
  }
  checkManifest(data, release, release.url);
  await mkdir(ctx.paths.cacheDir, { recursive: true, mode: 0o700 });
  await writeFile(`${cache}.tmp`, data, { mode: 0o644 });
  await rename(`${cache}.tmp`, cache);
  ctx.say(`  sha256 ${release.sha256}: matches the pin`);
  return cache;
}

/** Applied with its own field manager (one per source: the platform's apply never fights it). */
export const METALLB_FIELD_MANAGER = 'ft-deploy-metallb';

export async function installMetallb(ctx: Context): Promise<void> {
  const manifest = await metallbManifest(ctx);
  ctx.metallbManifest = manifest;
  await ctx.runner.run(kubectl(ctx, 'apply', '--server-side', '--force-conflicts', `--field-manager=${METALLB_FIELD_MANAGER}`, '-f', manifest));
  await ctx.runner.run(kubectl(ctx, '-n', 'metallb-system', 'rollout', 'status', 'deployment/controller', '--timeout=300s'));
  await ctx.runner.run(kubectl(ctx, '-n', 'metallb-system', 'rollout', 'status', 'daemonset/speaker', '--timeout=300s'));
}

/** Node's fetch (undici): the download, with a bound on time. */
export async function httpsDownload(url: string): Promise<Buffer> {
  const res = await fetch(url, { signal: AbortSignal.timeout(120_000) });
  if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`);
  return Buffer.from(await res.arrayBuffer());
}
