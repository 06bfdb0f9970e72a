/**
 * What every step gets: the options, the runner (real or dry run), where to report, the paths of
 * the repository and of state/cluster/, and what earlier steps found out.
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import type { Options } from './options.js';
import type { Report, Runner } from './runner.js';

export const NAMESPACE = 'ft-services';

export interface Paths {
  root: string;
  /** state/cluster/: secrets, the remembered address, the image records (mode 700, not in git). */
  stateDir: string;
  addressFile: string;
  cacheDir: string;
  imagesDir: string;
  /** state/cluster/deploy/: the kustomization written at every run. */
  deployDir: string;
  metallbRelease: string;
  metallbVendored: string;
  stackCli: string;
}

export function repoPaths(root: string): Paths {
  const stateDir = path.join(root, 'state', 'cluster');
  return {
    root,
    stateDir,
    addressFile: path.join(stateDir, 'address'),
    cacheDir: path.join(stateDir, 'cache'),
    imagesDir: path.join(stateDir, 'images'),
    deployDir: path.join(stateDir, 'deploy'),
    metallbRelease: path.join(root, 'k8s', 'vendor', 'metallb', 'release.env'),
    metallbVendored: path.join(root, 'k8s', 'vendor', 'metallb', 'metallb-native.yaml'),
    stackCli: path.join(root, 'tools', 'stack', 'dist', 'cli.js'),
  };
}

/** What minikube says about an existing profile (minikube profile list --output=json). */
export interface ProfileInfo {
  name: string;
  driver: string;
  containerRuntime: string;
  kubernetesVersion: string;
  cni: string;
}

export interface Context {
  options: Options;
  runner: Runner;
  paths: Paths;
  /** Progress lines (a task's output, or stdout). */
  say: Report;
  platform: NodeJS.Platform;
  /** process.getuid() where there is one. */
  uid: number | undefined;
  /** Is a command on PATH? (prerequisites; injectable for tests) */
  which: (command: string) => boolean;
  /** Fetches a URL's body as bytes (the MetalLB manifest; injectable for tests). */
  download: (url: string) => Promise<Buffer>;
  sleep: (ms: number) => Promise<void>;
  // Found out on the way:
  profileInfo?: ProfileInfo | undefined;
  nodeIp?: string;
  address?: string;
  metallbManifest?: string;
  dockerEnv?: Record<string, string>;
  imageIds?: Record<string, string>;
  secretsDir?: string;
  secretHashes?: Record<string, string>;
}

/** `command -v`: an executable file of that name in a PATH directory. */
export function onPath(command: string, pathVar = process.env.PATH ?? ''): boolean {
  for (const dir of pathVar.split(path.delimiter)) {
    if (!dir) continue;
    try {
      accessSync(path.join(dir, command), constants.X_OK);
      return true;
    } catch {
      // not here
    }
  }
  return false;
}

/** kubectl with the profile's context, so the user's current context never matters. */
export function kubectl(ctx: Context, ...args: string[]) {
  return { cmd: 'kubectl', args: ['--context', ctx.options.profile, ...args] };
}

export function minikube(ctx: Context, ...args: string[]) {
  return { cmd: 'minikube', args: ['-p', ctx.options.profile, ...args] };
}

/** The driver a new profile gets: the one asked for, the existing profile's, or the platform's default. */
export function effectiveDriver(ctx: Context): string {
  return ctx.options.driver ?? ctx.profileInfo?.driver ?? (ctx.platform === 'darwin' ? 'vfkit' : 'docker');
}
