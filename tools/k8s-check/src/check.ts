/**
 * Every check over a repository: the kustomizations under k8s/ (each overlay with all rules, the
 * base with the rules that hold for a part), the Dockerfiles, the shell scripts and setup.sh, and
 * the packages' faces (exports maps, imports, vitest in no runtime bundle).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { privilegesFileText, privilegesOfRendering, readPrivilegesFile, type PrivilegesFile } from '@ft/stack';
import { checkDockerfiles } from './dockerfiles.js';
import { violation, type Violation } from './errors.js';
import { kindOf, type K8sObject } from './manifest.js';
import { checkRendering } from './manifests.js';
import { checkPackageExports, checkPackageImports, checkTestHelpers } from './package-faces.js';
import { checkPrivileges, PRIVILEGES_FILE, WRITE_PRIVILEGES } from './rules/privileges.js';
import { parseManifests, renderKustomization, RenderError, requireKubectl, ToolMissingError } from './render.js';
import { checkRuntimeBundles } from './runtime-bundles.js';
import { checkServiceLayout } from './service-layout.js';
import { checkSetup, findShellScripts, shellcheck } from './shell.js';

export type Part = 'manifests' | 'docker' | 'shell' | 'setup' | 'faces';
export const PARTS: Part[] = ['manifests', 'docker', 'shell', 'setup', 'faces'];

export interface RepoCheckOptions {
  root: string;
  /** Kustomizations to check with every rule; default: each k8s/overlays/* (and k8s/base with the partial rules). */
  dirs?: string[];
  parts?: Part[];
}

function hasKustomization(dir: string): boolean {
  return ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].some((f) => existsSync(join(dir, f)));
}

/** CRDs vendored under k8s/vendor (MetalLB's upstream manifest), for custom resources applied apart. */
export function vendoredCrds(root: string): K8sObject[] {
  const out: K8sObject[] = [];
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(entry.name)) {
        try {
          out.push(...parseManifests(readFileSync(path, 'utf8')).filter((o) => kindOf(o) === 'CustomResourceDefinition'));
        } catch {
          // Not a manifest (a kustomization patch, a values file): rendering will judge it.
        }
      }
    }
  };
  walk(join(root, 'k8s', 'vendor'));
  return out;
}

export function defaultKustomizations(root: string): Array<{ dir: string; complete: boolean }> {
  const overlays = join(root, 'k8s', 'overlays');
  const out: Array<{ dir: string; complete: boolean }> = [];
  if (existsSync(overlays)) {
    for (const entry of readdirSync(overlays, { withFileTypes: true })) {
      const dir = join(overlays, entry.name);
      if (entry.isDirectory() && hasKustomization(dir)) out.push({ dir, complete: true });
    }
  }
  const base = join(root, 'k8s', 'base');
  if (hasKustomization(base)) out.push({ dir: base, complete: false });
  return out;
}

export async function checkManifests(root: string, targets: Array<{ dir: string; complete: boolean }>): Promise<Violation[]> {
  const out: Violation[] = [];
  const extraCrds = vendoredCrds(root);
  if (targets.length === 0) out.push(violation('K8S_RENDER', 'Kustomization', 'k8s', 'no kustomization under k8s/overlays or k8s/base'));
  try {
    await requireKubectl();
  } catch (error) {
    if (error instanceof ToolMissingError) return [...out, violation('TOOL_MISSING', 'Tool', error.tool, error.message)];
    throw error;
  }
  let committed: PrivilegesFile | Error;
  try {
    committed = readPrivilegesFile(join(root, PRIVILEGES_FILE));
  } catch (error) {
    committed = error instanceof Error ? error : new Error(String(error));
  }
  for (const { dir, complete } of targets) {
    const name = relative(root, dir) || dir;
    let objects: K8sObject[];
    try {
      objects = await renderKustomization(dir);
    } catch (error) {
      if (error instanceof ToolMissingError) return [...out, violation('TOOL_MISSING', 'Tool', error.tool, error.message)];
      const message = error instanceof RenderError ? error.message : String(error);
      out.push(violation('K8S_RENDER', 'Kustomization', name, message));
      continue;
    }
    const found = [...(await checkRendering(objects, { complete, extraCrds })), ...checkPrivileges(objects, committed)];
    out.push(...found.map((v) => ({ ...v, name: `${v.name} (${name})` })));
  }
  return out;
}

/**
 * Writes tools/stack/container-privileges.json from `kubectl kustomize k8s/base`: what the local
 * mode enforces. Returns the problems that keep it from being written (nothing is written then).
 */
export async function writePrivileges(root: string): Promise<string[]> {
  await requireKubectl();
  const objects = await renderKustomization(join(root, 'k8s', 'base'));
  const { services, problems } = privilegesOfRendering(objects);
  if (problems.length > 0) return problems.map((p) => `${p.service}: ${p.message}`);
  const file: PrivilegesFile = {
    generatedFrom: `kubectl kustomize k8s/base; regenerate: ${WRITE_PRIVILEGES}`,
    services: services as PrivilegesFile['services'],
  };
  writeFileSync(join(root, PRIVILEGES_FILE), privilegesFileText(file));
  return [];
}

export async function checkRepository(options: RepoCheckOptions): Promise<Violation[]> {
  const { root } = options;
  const parts = new Set(options.parts ?? PARTS);
  const out: Violation[] = [];
  if (parts.has('manifests')) {
    const targets = options.dirs?.map((dir) => ({ dir, complete: true })) ?? defaultKustomizations(root);
    out.push(...(await checkManifests(root, targets)));
  }
  // The service folders' own layout goes with their Dockerfiles.
  if (parts.has('docker')) out.push(...checkDockerfiles(root), ...checkServiceLayout(root));
  if (parts.has('shell')) out.push(...(await shellcheck(root, findShellScripts(root))));
  if (parts.has('setup')) out.push(...(await checkSetup(join(root, 'setup.sh'), root)));
  // The packages' faces, and the bundles as the last build left them (build before checking).
  if (parts.has('faces'))
    out.push(...checkPackageExports(root), ...checkPackageImports(root), ...checkTestHelpers(root), ...checkRuntimeBundles(root).violations);
  return out;
}
